// `npm run demo`'s flags and the machines each n8n runs on: a bad flag or an n8n that cannot run here is said at once,
// before a build and a 3 GB install.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseArguments } = require('../../scripts/demo');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unsupportedHere } = require('../../e2e/lib/versions');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { newWatchState, newlyFinished } = require('../../e2e/lib/finishedExecutions');

describe('npm run demo -- <flags>', () => {
	it('reads the documented flags, as --name value or --name=value', () => {
		expect(parseArguments([])).toEqual({ n8n: '2', interval: 1500, for: 0, help: false });
		expect(parseArguments(['--for', '30', '--interval=500', '--n8n=1'])).toEqual({ n8n: '1', interval: 500, for: 30, help: false });
		expect(parseArguments(['--help']).help).toBe(true);
		expect(parseArguments(['--n8n', '1.123.81']).n8n).toBe('1');
	});

	it.each([
		[['--for=30s'], '--for takes a number of seconds from 0 to 2147483 (got 30s)'],
		[['--for', '3000000'], '--for takes a number of seconds from 0 to 2147483 (got 3000000)'],
		[['--interval', 'abc'], '--interval takes a number of ms from 100 to 2147483647 (got abc)'],
		[['--interval', '0'], '--interval takes a number of ms from 100 to 2147483647 (got 0)'],
		[['--interval', '3000000000'], '--interval takes a number of ms from 100 to 2147483647 (got 3000000000)'],
		[['--toString', '5'], 'Unknown option --toString'],
		[['--n8n', '3'], '--n8n takes 2 or 1 (got 3)'],
		[['--for'], '--for needs a value'],
		[['--bogus'], 'Unknown option --bogus'],
		[['30'], 'Unknown option 30'],
	])('refuses %j with the usage', (argv, message) => {
		expect(() => parseArguments(argv)).toThrow(message);
		expect(() => parseArguments(argv)).toThrow('Usage: npm run demo --');
	});
});

describe('which n8n runs on which machine', () => {
	it('n8n 2 on Linux x64 only (its Node 24 comes from the npm registry built so), n8n 1 on Node 20.19 to 24', () => {
		expect(unsupportedHere('2', 'linux', 'x64', '20.20.2', '2.36')).toBeNull();
		expect(unsupportedHere('2', 'darwin', 'arm64', '22.1.0')).toBe(
			'n8n 2.40.7 runs here on a Node 24 built for Linux x64, and this is darwin-arm64: run n8n 1.123.81 instead (--n8n 1), with Node.js 20.19 to 24',
		);
		expect(unsupportedHere('1', 'darwin', 'arm64', '20.19.0')).toBeNull();
		expect(unsupportedHere('1', 'linux', 'x64', '24.11.1')).toBeNull();
		expect(unsupportedHere('1', 'linux', 'x64', '20.15.0')).toBe('n8n 1.123.81 runs on this Node.js, and needs 20.19 to 24 (this is 20.15.0)');
		expect(unsupportedHere('1', 'linux', 'x64', '25.0.0')).toMatch(/needs 20\.19 to 24 \(this is 25\.0\.0\)$/);
	});

	it('n8n 2 needs glibc 2.28 or later (Node 24 for Linux), and neither runs on Windows (no process groups)', () => {
		expect(unsupportedHere('2', 'linux', 'x64', '20.20.2', '2.28')).toBeNull();
		expect(unsupportedHere('2', 'linux', 'x64', '20.20.2', '2.17')).toMatch(/needs glibc 2\.28 or later, and this system has glibc 2\.17: run n8n 1\.123\.81 instead \(--n8n 1\)/);
		expect(unsupportedHere('2', 'linux', 'x64', '20.20.2', null)).toMatch(/this system has no glibc \(musl\?\)/);
		for (const key of ['1', '2']) expect(unsupportedHere(key, 'win32', 'x64', '22.1.0')).toMatch(/run them in WSL 2$/);
	});
});

describe('the demo\'s stream of finished executions', () => {
	it('reports each finished execution once, an earlier one finishing after a later one too', () => {
		const state = newWatchState();
		const ids = (rows: Array<{ id: number }>) => rows.map((row) => row.id);
		expect(ids(newlyFinished([{ id: 1, status: 'success' }, { id: 2, status: 'running' }, { id: 3, status: 'success' }], state))).toEqual([1, 3]);
		expect(state.floor).toBe(1);
		// Read on from the floor: 2 has failed since, 3 is read again and not reported twice.
		expect(ids(newlyFinished([{ id: 2, status: 'error' }, { id: 3, status: 'success' }, { id: 4, status: 'new' }], state))).toEqual([2]);
		expect(state.floor).toBe(3);
		expect(ids(newlyFinished([{ id: 4, status: 'success' }], state))).toEqual([4]);
		expect([state.floor, state.reported.size]).toEqual([4, 0]);
		expect(ids(newlyFinished([], state))).toEqual([]);
		expect(state.floor).toBe(4);
	});
});

describe('the demo counts the webhook attempts n8n did not answer with a 2xx', () => {
	const { untakenAttempts } = require('../../scripts/demo');
	it('an error answer, an unreachable or a stalled n8n counts; a 2xx, or an attempt still in flight, does not', () => {
		const deliveries = [
			{ topic: 'customer.profile.updated', attempt: 1, status: 200 },
			{ topic: 'customer.profile.updated', attempt: 1, status: 204 },
			{ topic: 'customer.profile.updated', attempt: 1, status: 401 },
			{ topic: 'customer.profile.updated', attempt: 1, status: 500 },
			{ topic: 'customer.notification.push', attempt: 1, error: 'connect ECONNREFUSED 127.0.0.1:5678' },
			{ topic: 'customer.notification.push', attempt: 1 },
			{ topic: 'customer.notification.push', attempt: 1, error: 'timeout' },
		];
		expect(untakenAttempts(deliveries).map((record: { status?: number; error?: string }) => record.status ?? record.error)).toEqual([401, 500, 'connect ECONNREFUSED 127.0.0.1:5678', 'timeout']);
	});
});
