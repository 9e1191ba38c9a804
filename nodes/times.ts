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

/** The wall clock in `timeZone` at `time`, whole seconds, as if it were UTC (ms). */
function wallClockAt(time: number, timeZone: string): number {
	const part: Record<string, number> = {};
	for (const { type, value } of formatterFor(timeZone).formatToParts(time)) part[type] = Number(value);
	return Date.UTC(part.year, part.month - 1, part.day, part.hour % 24, part.minute, part.second);
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
/** A date of numbers, year first but not ISO's (`2026/04/30`, `2026-4-30`). */
const YEAR_FIRST_DATE = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\b/;
/** A date of numbers not year first (`01/02/2026`): day first or month first, which `Date.parse` guesses. */
const DAY_OR_MONTH_FIRST_DATE = /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/**
 * A day and a month's name, then the year (four digits, or two not followed by a clock's `:`): `06 Dec 2026` as HTTP
 * dates write it, `31-Apr-26`, `Dec 06 2026` as `Date#toString` does.
 */
const NAMED_MONTH_DATE = /\b(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?,?[\s-]+(\d{4}|\d\d(?![:\d]))\b|\b([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4}|\d\d(?![:\d]))\b/i;
/** Hour 24 on a clock (`24:00`), which `Date.parse` reads as the next day's 00. */
const HOUR_24 = /(?:^|[\sT])24:\d\d/;

function isPastMonthEnd(year: number, month: number, day: number): boolean {
	const lastDay = new Date(0);
	lastDay.setUTCFullYear(year, month, 0);
	return day > lastDay.getUTCDate();
}

/** A two-digit year as `Date.parse` reads it (49 is 2049, 50 is 1950). */
const fullYear = (year: string) => (year.length > 2 ? Number(year) : Number(year) + (Number(year) < 50 ? 2000 : 1900));

/**
 * Text with a zone that `Date.parse` would misread: a day past its month's end (2026-02-30 is read as 2 March) or hour 24
 * (the next day's 00, which RFC 3339 and the zoneless path refuse), which it rolls over; or a date of numbers that is
 * not year first (`01/02/2026`), whose day and month it guesses.
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
	const yearFirst = YEAR_FIRST_DATE.exec(text);
	if (yearFirst) return isPastMonthEnd(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
	const named = NAMED_MONTH_DATE.exec(text);
	if (!named) return false;
	const [day, month, year] = named[1] ? [named[1], named[2], named[3]] : [named[5], named[4], named[6]];
	const monthNumber = MONTHS.indexOf(month.toLowerCase()) + 1;
	return monthNumber > 0 && isPastMonthEnd(fullYear(year), monthNumber, Number(day));
}

/**
 * Milliseconds since the epoch of an ISO 8601 (or other `Date.parse`) time, `NaN` when unreadable. A time without
 * a zone is read in `timeZone`, an IANA name: UTC unless said otherwise. Other text without a zone
 * (`01/02/2026 10:00`) is not read: `Date.parse` would read it in the server's zone, and guess its day and month (with
 * a zone too, such a date is not read: `isMisreadByDateParse`).
 */
export function parseTime(text: string, timeZone = 'UTC'): number {
	if (text.endsWith('Z')) return isMisreadByDateParse(text) ? NaN : Date.parse(text);
	const zoneless = ZONELESS.exec(text.trim());
	if (!zoneless) return NAMES_ZONE.test(text) && !isMisreadByDateParse(text.trim()) ? Date.parse(text) : NaN;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = ''] = zoneless;
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	const wallClock = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms);
	const checked = new Date(wallClock);
	// Date.UTC rolls 2026-02-30 over into March: such a date is not read.
	if (Number.isNaN(wallClock) || checked.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
		return NaN;
	}
	return instantOfWallClock(wallClock, timeZone);
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
