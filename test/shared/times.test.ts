import { calendarDayIn, parseTime, timeOnDayIn } from '../../nodes/times';

const iso = (time: number) => (Number.isNaN(time) ? 'NaN' : new Date(time).toISOString());

describe('parseTime', () => {
	it.each([
		['2026-12-06T10:00:00', 'Asia/Tokyo', '2026-12-06T01:00:00.000Z'],
		['2026-12-06T10:00:00.25', 'UTC', '2026-12-06T10:00:00.250Z'],
		['2026-12-06T10:00', 'Asia/Kolkata', '2026-12-06T04:30:00.000Z'],
		['2026-06-06T12:00:00', 'Europe/London', '2026-06-06T11:00:00.000Z'],
		// Skipped by the spring change (02:00 EST -> 03:00 EDT): the time as far past the gap, 03:30 EDT.
		['2026-03-08T02:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
		// Shown twice in the autumn (EDT, then EST): the earlier.
		['2026-11-01T01:30:00', 'America/New_York', '2026-11-01T05:30:00.000Z'],
		['2026-12-06T10:00:00Z', 'Asia/Tokyo', '2026-12-06T10:00:00.000Z'],
		['2026-12-06T10:00:00+02:00', 'Asia/Tokyo', '2026-12-06T08:00:00.000Z'],
		['2026-02-30T10:00:00', 'UTC', 'NaN'],
		// With its zone too: Date.parse alone rolls these over into the next month.
		['2026-02-30T10:00:00Z', 'UTC', 'NaN'],
		['2026-04-31T00:00:00.123Z', 'UTC', 'NaN'],
		['2026-02-29T10:00:00+02:00', 'UTC', 'NaN'],
		['2024-02-29T10:00:00+02:00', 'UTC', '2024-02-29T08:00:00.000Z'],
		['2026-04-30T23:59:59.999Z', 'UTC', '2026-04-30T23:59:59.999Z'],
		['2026-12-31T23:59:59Z', 'UTC', '2026-12-31T23:59:59.000Z'],
		['2026-06-31T12:00:00Z', 'UTC', 'NaN'],
		['2026-02-29T12:00:00Z', 'UTC', 'NaN'],
		['2026-02-28T12:00:00Z', 'UTC', '2026-02-28T12:00:00.000Z'],
		// Hour 24 (RFC 3339's hours run to 23; the zoneless path refuses it too), a 6-digit year, named months.
		['2026-01-31T24:00:00Z', 'UTC', 'NaN'],
		['2026-02-28T24:00:00+02:00', 'UTC', 'NaN'],
		['+002026-02-30T10:00:00Z', 'UTC', 'NaN'],
		['+002024-02-29T10:00:00Z', 'UTC', '2024-02-29T10:00:00.000Z'],
		['Thu, 31 Apr 2026 10:00:00 GMT', 'UTC', 'NaN'],
		['Feb 30 2026 10:00:00 GMT', 'UTC', 'NaN'],
		['Tue Feb 29 2026 10:00:00 GMT+0200', 'UTC', 'NaN'],
		// Other zoned shapes Date.parse rolls over; two-digit years as it reads them.
		['Thu, 31 Apr 26 10:00:00 GMT', 'UTC', 'NaN'],
		['Thu, 30 Apr 26 10:00:00 GMT', 'UTC', '2026-04-30T10:00:00.000Z'],
		['Tue, 29 Feb 00 10:00:00 GMT', 'UTC', '2000-02-29T10:00:00.000Z'],
		['31-Apr-2026 10:00 GMT', 'UTC', 'NaN'],
		['2026/04/31 10:00 GMT', 'UTC', 'NaN'],
		['2026/04/30 10:00 GMT', 'UTC', '2026-04-30T10:00:00.000Z'],
		['2026-4-31 10:00 GMT', 'UTC', 'NaN'],
		// A clock between the day and the year is no two-digit year (10 is no year 2010, which has no 29 February).
		['Thu Feb 29 10:00:00 UTC 2024', 'UTC', '2024-02-29T10:00:00.000Z'],
		['Thu Feb 29 10:00:00 2024 GMT', 'UTC', '2024-02-29T10:00:00.000Z'],
		// Unix `date -u` and a named month written year first: Date.parse rolls these over too.
		['Thu Apr 31 10:00:00 UTC 2026', 'UTC', 'NaN'],
		['2026-Apr-31 10:00 GMT', 'UTC', 'NaN'],
		['Thu Apr 30 2026 10:00:00 GMT+0000 (Coordinated Universal Time)', 'UTC', '2026-04-30T10:00:00.000Z'],
		// A zone only in parentheses is a comment to Date.parse: the time would be the server's.
		['2026-04-30 10:00 (UTC)', 'UTC', 'NaN'],
		['Apr 30, 2026 10:00 AM (UTC)', 'UTC', 'NaN'],
		// No year: Date.parse takes 2001 (and rolls 29 February into March).
		['Apr 30 10:00 UTC', 'UTC', 'NaN'],
		['Feb 29 10:00 GMT', 'UTC', 'NaN'],
		['2/29 10:00 GMT', 'UTC', 'NaN'],
		// A '-' right after a date number separates, even after a zone word.
		['10:00 GMT 2026-4-31', 'UTC', 'NaN'],
		['10:00 GMT 29-Feb-2026', 'UTC', 'NaN'],
		['10:00 GMT 28-Feb-2026', 'UTC', '2026-02-28T10:00:00.000Z'],
		['10:00 UTC Apr-30-2026', 'UTC', '2026-04-30T10:00:00.000Z'],
		['10:00 GMT 2026-4-30', 'UTC', '2026-04-30T10:00:00.000Z'],
		// Comments nest: the zone inside them is no zone.
		['Apr 30 2026 10:00 (a (b) GMT)', 'UTC', 'NaN'],
		// An unclosed comment runs to the end, as Date.parse reads it.
		['Thu, 30 Apr 2026 10:00:00 (UTC GMT', 'UTC', 'NaN'],
		['Thu, 30 Apr 2026 10:00:00 (junk Z', 'UTC', 'NaN'],
		['Thu, 30 Apr 2026 10:00:00 (UTC) Z', 'UTC', '2026-04-30T10:00:00.000Z'],
		[`Thu, 30 Apr 2026 10:00:00 ${'('.repeat(500)}GMT${')'.repeat(500)}`, 'UTC', 'NaN'],
		['Thu, 30 Apr 2026 10:00:00 GMT (a (b) c)', 'UTC', '2026-04-30T10:00:00.000Z'],
		['Thu Apr 30 2026 10:00:00 GMT-0500 (Eastern Standard Time)', 'UTC', '2026-04-30T15:00:00.000Z'],
		// Numbers not year first: Date.parse guesses day and month (2 January), with a zone as without.
		['01/02/2026 10:00 GMT', 'UTC', 'NaN'],
		['01/02/2026 10:00Z', 'UTC', 'NaN'],
		['Thu, 01 Jan 2026 24:00:00 GMT', 'UTC', 'NaN'],
		['Jan 01 2026 24:00:00 GMT', 'UTC', 'NaN'],
		['Thu, 31 Dec 2026 10:00:00 GMT', 'UTC', '2026-12-31T10:00:00.000Z'],
		['Tue Dec 29 2026 10:00:00 GMT+0200', 'UTC', '2026-12-29T08:00:00.000Z'],
		['2026-12-06T24:00:00', 'UTC', 'NaN'],
		['2026-12-06T10:61:00', 'UTC', 'NaN'],
		// A month that does not exist rolls into another year; a year below 100 is kept as written (not 19xx).
		['2026-00-15', 'UTC', 'NaN'],
		['2026-13-01T00:00:00', 'America/New_York', 'NaN'],
		['2026-99-01T10:00:00', 'UTC', 'NaN'],
		['0026-03-01T10:00:00', 'UTC', '0026-03-01T10:00:00.000Z'],
		// New York's local mean time then, in the time zone database: -4:56:02.
		['0026-03-01T10:00:00', 'America/New_York', '0026-03-01T14:56:02.000Z'],
		['next week', 'UTC', 'NaN'],
	])('%s in %s is %s', (text, timeZone, expected) => {
		expect(iso(parseTime(text, timeZone))).toBe(expected);
	});

	it('reads every existing day of zoned text as Date.parse does, and refuses every day past its month\'s end', () => {
		const mon = (month: number) => new Date(Date.UTC(2026, month - 1)).toUTCString().slice(8, 11);
		const monthName = (month: number) => new Date(Date.UTC(2026, month - 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
		const pad = (value: number) => String(value).padStart(2, '0');
		type Day = { y: number; m: number; d: number };
		const shapes: Array<(day: Day) => string> = [
			({ y, m, d }) => `Thu, ${pad(d)} ${mon(m)} ${y} 10:00:00 GMT`,
			({ y, m, d }) => `Thu ${mon(m)} ${pad(d)} ${y} 10:00:00 GMT+0200 (Eastern European Standard Time)`,
			({ y, m, d }) => `Thu ${mon(m)} ${d} 10:00:00 UTC ${y}`,
			({ y, m, d }) => `${y}-${mon(m)}-${pad(d)} 10:00 GMT`,
			({ y, m, d }) => `${y} ${monthName(m)} ${d} 10:00 UTC`,
			({ y, m, d }) => `${pad(d)}-${mon(m)}-${y} 10:00 GMT`,
			({ y, m, d }) => `${monthName(m)} ${d}, ${y} 10:00 UTC`,
			({ y, m, d }) => `${d} ${monthName(m)} ${y} 10:00:00 +0000`,
			({ y, m, d }) => `${y}/${pad(m)}/${pad(d)} 10:00 GMT`,
			({ y, m, d }) => `${y}-${m}-${d} 10:00 GMT`,
			({ y, m, d }) => `${y}.${mon(m)}.${d} 10:00 GMT`,
			({ y, m, d }) => `10:00 GMT ${pad(d)}-${mon(m)}-${y}`,
			({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}T10:00:00Z`,
			({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}T23:30:00.5-05:30`,
			({ y, m, d }) => `${y}-${pad(m)}-${pad(d)} 10:00:00 GMT`,
			// A two-digit year: 1950–2049.
			({ y, m, d }) => `Thu, ${pad(d)} ${mon(m)} ${pad(y % 100)} 10:00:00 GMT`,
		];
		const exists = ({ y, m, d }: Day) => new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
		const wrong: string[] = [];
		let pastMonthEnd = 0;
		for (const y of [2024, 2026, 2000, 1999, 2049, 1950]) {
			for (let m = 1; m <= 12; m++) {
				for (let d = 1; d <= 31; d++) {
					if (!exists({ y, m, d })) pastMonthEnd++;
					for (const shape of shapes) {
						const text = shape({ y, m, d });
						const expected = exists({ y, m, d }) ? Date.parse(text) : NaN;
						if (!Object.is(parseTime(text), expected)) wrong.push(text);
					}
				}
			}
		}
		// Per year 30 and 31 February and the 31st of four months; 29 February in the four common years.
		expect(pastMonthEnd).toBe(6 * 6 + 4);
		expect(wrong).toEqual([]);
	});

	it('reads a time without a zone as UTC unless told otherwise', () => {
		expect(iso(parseTime('2024-11-19T17:34:42.297'))).toBe('2024-11-19T17:34:42.297Z');
	});
});

describe('calendarDayIn', () => {
	it.each([
		['2026-12-06T23:30:00Z', 'Asia/Tokyo', 0, '2026-12-07'],
		['2026-12-07T07:30:00Z', 'America/Los_Angeles', 1, '2026-12-07'],
		['2026-12-31T23:59:00Z', 'UTC', 1, '2027-01-01'],
		['2026-03-01T12:00:00Z', 'UTC', -1, '2026-02-28'],
		['2026-03-07T12:00:00Z', 'America/New_York', 1, '2026-03-08'],
	])('%s in %s, plus %i days, is %s', (now, timeZone, days, expected) => {
		expect(calendarDayIn(Date.parse(now), timeZone, days)).toBe(expected);
	});
});

describe('timeOnDayIn', () => {
	it.each([
		['2026-12-08', 17, 'America/New_York', '2026-12-08T17:00:00-05:00'],
		['2026-06-08', 17, 'America/New_York', '2026-06-08T17:00:00-04:00'],
		['2026-12-08', 17, 'Asia/Kolkata', '2026-12-08T17:00:00+05:30'],
		['2026-12-08', 17, 'UTC', '2026-12-08T17:00:00+00:00'],
		['2026-12-08', 9, 'Pacific/Kiritimati', '2026-12-08T09:00:00+14:00'],
		// The day the clocks go forward, and back: the offset of that time, not of midnight.
		['2026-03-08', 17, 'America/New_York', '2026-03-08T17:00:00-04:00'],
		['2026-11-01', 17, 'America/New_York', '2026-11-01T17:00:00-05:00'],
	])('%s at %i:00 in %s is %s', (day, hour, timeZone, expected) => {
		const time = timeOnDayIn(day, hour, timeZone);
		expect(time).toBe(expected);
		// Read back by any parser, it is that day in that zone.
		expect(calendarDayIn(Date.parse(time), timeZone)).toBe(day);
	});
});
