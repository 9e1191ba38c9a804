/**
 * npm run simulator -- --port 4010 --webhook <url> [--webhook <url2>] --secret <key> --api-key <key>
 *   [--no-rate-limits] [--time-scale 0.01] [--faults '{"errorRate5xx":0.1}'] [--batch-shape tutorial] [--no-batch-indexes]
 *   [--batch-results full|identity|none]
 *   [--allow-unknown-fields] [--high-security]
 *   [--play] [--play-interval 1000] [--play-customers 20]
 */
import { playActivity } from './activity';
import { startSimulator, type FaultOptions, type SimulatorOptions } from './index';

interface CliArguments {
	options: SimulatorOptions;
	play: boolean;
	playIntervalMs: number;
	playCustomers: number;
}

export function parseArguments(argv: string[]): CliArguments {
	const options: SimulatorOptions = { webhookUrls: [] };
	const result: CliArguments = { options, play: false, playIntervalMs: 1000, playCustomers: 20 };
	const value = (index: number, flag: string): string => {
		const next = argv[index + 1];
		if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
		return next;
	};
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		switch (flag) {
			case '--port':
				options.port = Number(value(index++, flag));
				break;
			case '--webhook':
				options.webhookUrls?.push(value(index++, flag));
				break;
			case '--secret':
			case '--secret-key':
				options.secretKey = value(index++, flag);
				break;
			case '--api-key':
				options.apiKey = value(index++, flag);
				break;
			case '--no-rate-limits':
				options.rateLimits = false;
				break;
			case '--time-scale':
				options.timeScale = Number(value(index++, flag));
				break;
			case '--faults':
				options.faults = JSON.parse(value(index++, flag)) as FaultOptions;
				break;
			case '--batch-shape':
				options.batchStatusShape = value(index++, flag) === 'tutorial' ? 'tutorial' : 'openapi';
				break;
			case '--no-batch-indexes':
				options.batchResultIndexes = false;
				break;
			case '--batch-results': {
				const shown = value(index++, flag);
				if (shown !== 'full' && shown !== 'identity' && shown !== 'none') throw new Error(`--batch-results takes full, identity or none (got ${shown})`);
				options.batchResultData = shown;
				break;
			}
			case '--allow-unknown-fields':
				options.rejectUnknownFields = false;
				break;
			case '--high-security':
				options.highSecurityMode = true;
				break;
			case '--play':
				result.play = true;
				break;
			case '--play-interval':
				result.playIntervalMs = Number(value(index++, flag));
				break;
			case '--play-customers':
				result.playCustomers = Number(value(index++, flag));
				break;
			case '--help':
			case '-h':
				throw new Error('help');
			default:
				throw new Error(`Unknown option ${flag}`);
		}
	}
	return result;
}

const USAGE = `Usage: npm run simulator -- [--port 4010] [--webhook <url>]... [--secret <key>] [--api-key <key>]
  [--no-rate-limits] [--time-scale 0.01] [--faults '{"errorRate5xx":0.1}'] [--batch-shape openapi|tutorial] [--no-batch-indexes] [--batch-results full|identity|none]
  [--allow-unknown-fields] [--high-security] [--play] [--play-interval <ms>] [--play-customers <n>]`;

async function main(): Promise<void> {
	let parsed: CliArguments;
	try {
		parsed = parseArguments(process.argv.slice(2));
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`${message === 'help' ? '' : `${message}\n`}${USAGE}\n`);
		process.exitCode = message === 'help' ? 0 : 2;
		return;
	}
	const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
	const sim = await startSimulator({ port: 4010, ...parsed.options, log });
	process.stdout.write(
		[
			'Gameball simulator (dev only) is running',
			`  base URL:    ${sim.url}`,
			`  APIKey:      ${sim.apiKey}`,
			`  SecretKey:   ${sim.secretKey}`,
			`  webhooks:    ${sim.webhookUrls.length > 0 ? sim.webhookUrls.join(', ') : '(none; pass --webhook <url>)'}`,
			`  rate limits: ${parsed.options.rateLimits === false ? 'off' : 'on'}`,
			'',
		].join('\n'),
	);
	const player = parsed.play ? playActivity(sim, { intervalMs: parsed.playIntervalMs, customers: parsed.playCustomers, log: (line) => log(`play: ${line}`) }) : undefined;
	let stopping = false;
	const shutdown = () => {
		if (stopping) return;
		stopping = true;
		player?.stop();
		process.stdout.write('\nStopping simulator...\n');
		sim.stop().then(() => process.exit(0), () => process.exit(1));
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	});
}
