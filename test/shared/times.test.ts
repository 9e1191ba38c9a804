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
		// Numbers not year first: Date.parse guesses day and month (2 January), with a zone as without.
		['01/02/2026 10:00 GMT', 'UTC', 'NaN'],
		['01/02/2026 10:00Z', 'UTC', 'NaN'],
		['Thu, 01 Jan 2026 24:00:00 GMT', 'UTC', 'NaN'],
		['Jan 01 2026 24:00:00 GMT', 'UTC', 'NaN'],
		['Thu, 31 Dec 2026 10:00:00 GMT', 'UTC', '2026-12-31T10:00:00.000Z'],
		['Tue Dec 29 2026 10:00:00 GMT+0200', 'UTC', '2026-12-29T08:00:00.000Z'],
		['2026-12-06T24:00:00', 'UTC', 'NaN'],
		['2026-12-06T10:61:00', 'UTC', 'NaN'],
		['next week', 'UTC', 'NaN'],
	])('%s in %s is %s', (text, timeZone, expected) => {
		expect(iso(parseTime(text, timeZone))).toBe(expected);
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
