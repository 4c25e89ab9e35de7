/** Calendar checks shared by dates and resident ID numbers: no 2017-02-30, no month 13. */

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' when year/month/day name a real day (year 1000–2999), else null. */
export function isoDay(year: number, month: number, day: number): string | null {
  if (!isoMonth(year, month)) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 'YYYY-MM' when year/month name a real month (year 1000–2999), else null. */
export function isoMonth(year: number, month: number): string | null {
  // Four-digit years only: a three-digit "year" is far more often a count or a code.
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  return `${pad(year, 4)}-${pad(month, 2)}`;
}
