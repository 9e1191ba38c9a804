// `npm run demo`'s flags and the machines each n8n runs on: a bad flag or an n8n that cannot run here is said at once,
// before a build and a 3 GB install.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseArguments } = require('../../scripts/demo');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unsupportedHere } = require('../../e2e/lib/versions');

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
		expect(unsupportedHere('2', 'linux', 'x64', '20.20.2')).toBeNull();
		expect(unsupportedHere('2', 'darwin', 'arm64', '22.1.0')).toBe(
			'n8n 2.40.7 runs here on a Node 24 built for Linux x64, and this is darwin-arm64: run n8n 1.123.81 instead (--n8n 1), with Node.js 20.19 to 24',
		);
		expect(unsupportedHere('1', 'darwin', 'arm64', '20.19.0')).toBeNull();
		expect(unsupportedHere('1', 'linux', 'x64', '24.11.1')).toBeNull();
		expect(unsupportedHere('1', 'linux', 'x64', '20.15.0')).toBe('n8n 1.123.81 runs on this Node.js, and needs 20.19 to 24 (this is 20.15.0)');
		expect(unsupportedHere('1', 'linux', 'x64', '25.0.0')).toMatch(/needs 20\.19 to 24 \(this is 25\.0\.0\)$/);
	});
});
