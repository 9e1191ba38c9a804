/** Tiny `--name value` / `--flag` command-line reader for the bench scripts. */
export function readArgs(argv = process.argv.slice(2)) {
	const values = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) continue;
		const [name, inline] = arg.slice(2).split('=', 2);
		if (inline !== undefined) values.set(name, inline);
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) values.set(name, argv[++i]);
		else values.set(name, 'true');
	}
	return {
		flag: (name: string) => values.get(name) === 'true',
		number: (name: string, fallback: number) => (values.has(name) ? Number(values.get(name)) : fallback),
		string: (name: string, fallback: string) => values.get(name) ?? fallback,
		list: (name: string, fallback: string[]) => (values.has(name) ? values.get(name)!.split(',').map((v) => v.trim()) : fallback),
	};
}
