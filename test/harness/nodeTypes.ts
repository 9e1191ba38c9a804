import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialType, IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

const root = join(__dirname, '..', '..');

function findFiles(dir: string, suffix: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return findFiles(path, suffix);
		return entry.name.endsWith(suffix) ? [path] : [];
	});
}

function instancesOf<T>(files: string[]): T[] {
	return files.flatMap((file) =>
		Object.values(require(file) as Record<string, new () => T>)
			.filter((exported) => typeof exported === 'function')
			.map((Class) => new Class()),
	);
}

/** Every node of the package, by its package-qualified type name, e.g. `n8n-nodes-gameball.gameball`. */
export const packageNodes: Record<string, INodeType | IVersionedNodeType> = Object.fromEntries(
	instancesOf<INodeType | IVersionedNodeType>(findFiles(join(root, 'nodes'), '.node.ts')).map((node) => [
		`n8n-nodes-gameball.${node.description.name}`,
		node,
	]),
);

export const credentialTypes: Record<string, ICredentialType> = Object.fromEntries(
	instancesOf<ICredentialType>(findFiles(join(root, 'credentials'), '.credentials.ts')).map((type) => [
		type.name,
		type,
	]),
);

export class PackageNodeTypes implements INodeTypes {
	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const node = packageNodes[nodeType];
		if (!node) throw new Error(`Unknown node type ${nodeType}`);
		return node;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
