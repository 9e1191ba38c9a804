/*
 * Times without a zone, read in a named zone, and calendar days in a zone: with `Intl` only, so the result never
 * depends on the server's TZ. n8n's date picker yields `2026-12-06T10:00:00`, meant in the workflow's time zone
 * (`getTimezone()`); Gameball and Open Loyalty send UTC.
 */

/** `YYYY-MM-DD`, optionally with `[T ]HH:mm[:ss[.fraction]]`, and no zone. */
const ZONELESS = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** A UTC time from its parts (month 1–12), a year below 100 as written: `Date.UTC` would read 0026 as 1926. */
function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): Date {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, ms);
	return date;
}

/** The wall clock in `timeZone` at `time`, whole seconds, as if it were UTC (ms). */
function wallClockAt(time: number, timeZone: string): number {
	const part: Record<string, number> = {};
	for (const { type, value } of formatterFor(timeZone).formatToParts(time)) part[type] = Number(value);
	return utcTime(part.year, part.month, part.day, part.hour % 24, part.minute, part.second, 0).getTime();
}

/** How far `timeZone` is ahead of UTC at `time`, in ms. */
function offsetAt(time: number, timeZone: string): number {
	return wallClockAt(time, timeZone) - (time - (((time % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time (given as if UTC) shows in `timeZone`: the earlier of two, or just after a gap. */
function instantOfWallClock(wallClock: number, timeZone: string): number {
	if (timeZone === 'UTC') return wallClock;
	const guess = wallClock - offsetAt(wallClock, timeZone);
	const adjusted = wallClock - offsetAt(guess, timeZone);
	// A wall-clock time a DST change skips never shows: `guess` is as far past the gap as the time is into it.
	return offsetAt(adjusted, timeZone) === wallClock - adjusted ? adjusted : guess;
}

/** A time naming its zone: an offset or `Z` after the clock time, or GMT/UTC (`Thu, 01 Jan 2026 10:00:00 GMT`). */
const NAMES_ZONE = /:\d\d(?:[.,]\d+)?\s*(?:Z|[+-]\d\d(?::?\d\d)?)\b|\b(?:GMT|UTC)\b/i;

/** ISO 8601's date, with a 6-digit year too, and the hour when there is one. */
const ISO_DATE = /^([+-]\d{6}|\d{4})-(\d\d)-(\d\d)(?:[Tt ](\d\d))?/;
/** A date of numbers not year first (`01/02/2026`): day first or month first, which `Date.parse` guesses. */
const DAY_OR_MONTH_FIRST_DATE = /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Words after which a sign starts an offset (`GMT+0200`), as after a clock. */
const ZONE_WORDS = ['gmt', 'utc', 'ut', 'z'];
/**
 * `text` without its comments in parentheses, nested ones too, in one pass: as `Date.parse` skips them, an unclosed one
 * runs to the end (`10:00 (UTC` names no zone).
 */
function withoutComments(text: string): string {
	if (!text.includes('(')) return text;
	let depth = 0;
	let kept = '';
	for (const char of text) {
		if (char === '(') depth++;
		else if (depth === 0) kept += char;
		else if (char === ')' && --depth === 0) kept += ' ';
	}
	return kept;
}

/** A clock (`10:00`, `10:00:00.5`), a signed number, a number or a word: the pieces `Date.parse` reads a date from. */
const DATE_PIECES = /(\d+(?::\d+)+(?:[.,]\d+)?)|([+-])(\d+)(?::\d+)?|(\d+)|([a-z]+)/gi;

/** Hour 24 on a clock (`24:00`), which `Date.parse` reads as the next day's 00. */
const HOUR_24 = /(?:^|[\sT])24:\d\d/;

function isPastMonthEnd(year: number, month: number, day: number): boolean {
	const lastDay = new Date(0);
	lastDay.setUTCFullYear(year, month, 0);
	return day > lastDay.getUTCDate();
}

const isDay = (value: number) => value >= 1 && value <= 31;

/**
 * The date `Date.parse` reads from text that is not ISO 8601, composed as V8's parser composes it: a month's name
 * anywhere; the numbers that are no clock or offset are the day and year (the year first when the first is no day, a
 * two-digit year 2000–2049 or 1950–1999), or without a month's name month, day and year (year first when the first is
 * no day). A sign after a clock or a zone word starts an offset, but a `-` right after a date number or a month's name
 * separates (`2026-4-31`, `30-Apr-2026`). `null` when it names no day or no year: V8 then takes the 1st, or 2001, which
 * no one means (and 29 February rolls over).
 */
function legacyDate(text: string): { year: number; month: number; day: number } | null | undefined {
	const numbers: number[] = [];
	let month = 0;
	let offsetMayFollow = false;
	let dateNumberEnd = -1;
	for (const match of withoutComments(text).matchAll(DATE_PIECES)) {
		const [piece, clock, sign, signed, number, word] = match;
		if (clock) offsetMayFollow = true;
		else if (word) {
			const lower = word.toLowerCase();
			if (ZONE_WORDS.includes(lower)) offsetMayFollow = true;
			else if (MONTHS.includes(lower.slice(0, 3))) {
				month = MONTHS.indexOf(lower.slice(0, 3)) + 1;
				dateNumberEnd = match.index + piece.length;
			}
		} else if (sign && offsetMayFollow && !(sign === '-' && match.index === dateNumberEnd)) {
			offsetMayFollow = false;
		} else {
			numbers.push(Number(number ?? signed));
			dateNumberEnd = match.index + piece.length;
		}
	}
	if (numbers.length === 0 || numbers.length > 3) return undefined;
	if (numbers.length < (month > 0 ? 2 : 3)) return null;
	const fullYear = (year: number) => (year < 50 ? year + 2000 : year < 100 ? year + 1900 : year);
	if (month > 0) {
		const [first, second] = numbers;
		const [year, day] = isDay(first) ? [second, first] : [first, second];
		return { year: fullYear(year), month, day };
	}
	const [year, monthNumber, day] = isDay(numbers[0]) ? [numbers[2], numbers[0], numbers[1]] : numbers;
	return { year: fullYear(year), month: monthNumber, day };
}

/**
 * Text with a zone that `Date.parse` would misread: a day past its month's end (2026-02-30 is read as 2 March) or hour 24
 * (the next day's 00, which RFC 3339 and the zoneless path refuse), which it rolls over; a date of numbers that is
 * not year first (`01/02/2026`), whose day and month it guesses; or a date without a day or year (`Apr 30 10:00 GMT`: 2001).
 */
function isMisreadByDateParse(text: string): boolean {
	if ((text[4] === '-' && text[7] === '-') || text[0] === '+' || text[0] === '-') {
		// Days up to 28 are in every month: only a later day, hour 24 or a 6-digit year (rare; this is on the trigger's
		// path) is looked at further.
		const mayRoll = text[0] < '0' || text[8] > '2' || (text[8] === '2' && text[9] > '8') || (text[11] === '2' && text[12] === '4');
		const iso = mayRoll ? ISO_DATE.exec(text) : null;
		return iso !== null && (iso[4] === '24' || isPastMonthEnd(Number(iso[1]), Number(iso[2]), Number(iso[3])));
	}
	if (DAY_OR_MONTH_FIRST_DATE.test(text) || HOUR_24.test(text)) return true;
	const date = legacyDate(text);
	return date === null || (date !== undefined && isPastMonthEnd(date.year, date.month, date.day));
}

/**
 * Milliseconds since the epoch of an ISO 8601 (or other `Date.parse`) time, `NaN` when unreadable. A time without
 * a zone is read in `timeZone`, an IANA name: UTC unless said otherwise. Other text without a zone
 * (`01/02/2026 10:00`) is not read: `Date.parse` would read it in the server's zone, and guess its day and month (with
 * a zone too, such a date is not read: `isMisreadByDateParse`).
 */
export function parseTime(text: string, timeZone = 'UTC'): number {
	// A `Z` inside a comment (`10:00 (junk Z`) names no zone: such text takes the path below.
	if (text.endsWith('Z') && !text.includes('(')) return isMisreadByDateParse(text) ? NaN : Date.parse(text);
	const zoneless = ZONELESS.exec(text.trim());
	// A zone in parentheses is a comment to Date.parse (`10:00 (UTC)` is read in the server's zone).
	if (!zoneless) return NAMES_ZONE.test(withoutComments(text)) && !isMisreadByDateParse(text.trim()) ? Date.parse(text) : NaN;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = ''] = zoneless;
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	const date = utcTime(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), ms);
	// A date that does not exist rolls over (month 13 into the next year, 2026-02-30 into March): it is not read.
	const exists = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
	if (!exists || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return NaN;
	return instantOfWallClock(date.getTime(), timeZone);
}

/** The calendar day `days` after the day of `now` in `timeZone`, as `YYYY-MM-DD`. */
export function calendarDayIn(now: number, timeZone: string, days = 0): string {
	const today = new Date(wallClockAt(now, timeZone));
	today.setUTCDate(today.getUTCDate() + days);
	return today.toISOString().slice(0, 10);
}

/**
 * `day` (`YYYY-MM-DD`) at `hour`:00 in `timeZone`, as ISO 8601 with that zone's offset then, e.g.
 * `2026-12-08T17:00:00-05:00`: an instant any reader places on the same day in that zone, whatever its own.
 */
export function timeOnDayIn(day: string, hour: number, timeZone: string): string {
	const wallClock = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
	const instant = instantOfWallClock(wallClock, timeZone);
	const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
	const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
	return `${new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 19)}${sign}${hours}:${minutes}`;
}
