/** Typed handles on the e2e harness's JavaScript modules (e2e/lib), used as they are. */
/* eslint-disable @typescript-eslint/no-require-imports */

export interface N8nVersion {
	key: string;
	version: string;
	dir: string;
	nodeBin: (dir: string) => string;
	activateArgs: (id: string) => string[];
}

export interface N8nServer {
	url: string;
	logFile: string;
	pid: number;
	stop: () => Promise<void>;
}

export interface ServerSettings {
	userFolder: string;
	port: number;
	brokerPort: number;
	/** Added to n8n's environment, e.g. `postgres.postgresEnv(name)`. */
	env?: Record<string, string>;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
}

export const versions = require('../../e2e/lib/versions') as { getVersion: (name: string) => N8nVersion };
export const install = require('../../e2e/lib/install') as { ensureN8n: (version: N8nVersion, log?: (line: string) => void) => Promise<N8nVersion> };
export const ports = require('../../e2e/lib/ports') as { freePort: () => Promise<number> };
export const n8n = require('../../e2e/lib/n8n') as {
	startN8n: (version: N8nVersion, settings: ServerSettings, options?: { timeoutMs?: number; expectedWebhooks?: number }) => Promise<N8nServer>;
};
export const userFolder = require('../../e2e/lib/userFolder') as {
	installPackage: (folder: string, version: N8nVersion) => { name: string; version: string };
	importAndActivate: (version: N8nVersion, settings: ServerSettings, input: { credentials: unknown[]; workflows: Workflow[]; activeIds: string[] }) => Promise<void>;
	repoRoot: string;
};
export const instance = require('../../e2e/lib/instance') as {
	credentialsFor: (settings: { simulatorUrl: string; apiKey: string; secretKey: string; pgDatabase?: string | null }) => unknown[];
};
export const processes = require('../../e2e/lib/processes') as {
	stopAll: () => Promise<void>;
	stopEverythingOnExit: (cleanup?: () => Promise<void>) => void;
	runCommand: (command: string, args: string[], options?: Record<string, unknown>) => Promise<string>;
};
export const database = require('../../e2e/lib/database') as {
	query: (version: N8nVersion, databaseFile: string, sql: string, parameters?: unknown[]) => Promise<Array<Record<string, unknown>>>;
};
export const postgres = require('../../e2e/lib/postgres') as {
	psqlRows: (database: string, sql: string) => Array<Record<string, unknown>>;
	createDatabase: (name: string) => string;
	dropDatabase: (name: string) => void;
	postgresEnv: (database: string) => Record<string, string>;
};
export const common = require('../../e2e/workflows/common') as {
	credentialRefs: { gameball: { id: string; name: string } };
	node: (name: string, type: string, typeVersion: number, position: [number, number], parameters: Record<string, unknown>, extra?: Record<string, unknown>) => Record<string, unknown>;
	workflow: (id: string, name: string, nodes: Array<Record<string, unknown>>, connections: Record<string, unknown>) => Workflow;
};
