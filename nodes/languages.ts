/*
 * Language codes as Gameball and Open Loyalty send them (`en`, `en-US`, `ar_EG`), matched against a wanted one for the
 * trigger's Preferred Languages and Loyalty to CRM's Message Language.
 */

/** Trimmed, lower case, `-` between parts (`en-gb` for ` en_GB`); `null` and blank are `''`. */
export function languageCode(language: string | null | undefined): string {
	return language?.trim().toLowerCase().replace(/_/g, '-') ?? '';
}

/** `en` for `en-gb`. */
function baseLanguage(code: string): string {
	return code.split('-')[0];
}

/**
 * How well a sent language answers a wanted code (as `languageCode` gives it): 3 the same, 2 the wanted one's base language (`en` for
 * `en-gb`), 1 a region of a wanted base language (`en-us` for `en`), 0 no answer. One region or script never stands
 * in for another (`en-us` for `en-gb`, `zh-hans` for `zh-hant`).
 */
function languageRank(sent: string | null, wanted: string): number {
	const code = languageCode(sent);
	if (code === '' || wanted === '') return 0;
	if (code === wanted) return 3;
	if (code === baseLanguage(wanted)) return 2;
	return wanted === baseLanguage(wanted) && baseLanguage(code) === wanted ? 1 : 0;
}

/**
 * The entries in the language that best answers `language` (every entry in that one language, in order), or `[]`.
 * Among equal answers the first entry's language wins: `en` with `en-US` and `en-GB` sent takes `en-US` only.
 */
export function entriesInLanguage<T extends { language: string | null }>(entries: T[], language: string): T[] {
	const wanted = languageCode(language);
	let best: T | undefined;
	let bestRank = 0;
	for (const entry of entries) {
		const rank = languageRank(entry.language, wanted);
		if (rank > bestRank) [best, bestRank] = [entry, rank];
	}
	if (!best) return [];
	const chosen = languageCode(best.language);
	return entries.filter((entry) => languageCode(entry.language) === chosen);
}

/** The first entry of each language (`en_US` is `en-us`: see `languageCode`); entries without a language are all kept. */
export function firstPerLanguage<T extends { language: string | null }>(entries: T[]): T[] {
	const seen = new Set<string>();
	return entries.filter(({ language }) => {
		if (language === null) return true;
		const code = languageCode(language);
		return seen.has(code) ? false : Boolean(seen.add(code));
	});
}
