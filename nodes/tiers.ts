/** Two names of one tier: a blank name names no tier; spaces at the ends and letter case do not count ("Gold" is "GOLD"). */
export function sameTierName(a: string | null | undefined, b: string | null | undefined): boolean {
	const name = a?.trim().toLowerCase();
	return Boolean(name) && name === b?.trim().toLowerCase();
}
