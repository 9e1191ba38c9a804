// Prints the README's operations table from the node's own definitions: `npx ts-node scripts/operations-table.ts`.
import { resources } from '../nodes/Gameball/actions/resources';

export function operationsTable(): string {
	const rows = resources.flatMap((resource) =>
		resource.operations.map((operation) => {
			const extras = [
				// Without a record field to read on from, only a `nextCursor` beside the list could give a next page.
				operation.list ? (operation.list.cursorKey ? 'pages' : "up to 200: Gameball's answer gives no cursor") : '',
				operation.entries ? `an item per \`${operation.entries.key}\` entry` : '',
				operation.batch ? `batch: \`${operation.batch.kind}\`${operation.batch.keyless ? ' (Always only)' : ''}` : '',
				operation.idempotencyKey ? `retry-safe on \`${operation.idempotencyKey}\`` : operation.movesMoney ? 'never retried blindly' : '',
				operation.unsafeToRepeat
					? operation.idempotencyKey
						? `without it, ${operation.unsafeToRepeat.what} is never retried blindly`
						: `never retried blindly (${operation.unsafeToRepeat.what})`
					: '',
				operation.didNothing ? 'a success answer that says nothing was applied fails the item' : '',
			].filter(Boolean);
			const endpoints = [operation.endpoint, ...(operation.otherEndpoints ?? [])].map((endpoint) => `\`${endpoint}\``).join('<br>');
			return `| ${resource.name} | ${operation.name} | ${endpoints} | ${extras.join('; ')} |`;
		}),
	);
	return ['| Resource | Operation | Endpoint | Notes |', '|---|---|---|---|', ...rows].join('\n');
}

if (require.main === module) console.log(operationsTable());
