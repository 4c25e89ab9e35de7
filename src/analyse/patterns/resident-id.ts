import type { Mention } from '../../domain/entities.js';
import { isoDay } from './calendar.js';
import { mentionOf } from './mention.js';
import { regionOf } from './regions.js';

/**
 * Chinese resident ID numbers (GB 11643-1999): six digits of region (GB/T 2260), eight of birth
 * date, three of sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2,
 * 10 written X).
 *
 * A candidate that fails the checksum, names no province or no real birth date is not reported at
 * all: a random 18-digit number (an order, an account, a waybill) passes the checksum one time in
 * eleven, so flagging failures as "invalid IDs" would mostly flag other numbers. The cost is that
 * an ID with a typo or an OCR error is missed. Fifteen-digit first-generation numbers (before 1999)
 * carry no checksum and are not looked for.
 */

/** 17 digits then a digit or X, not inside a longer run of digits or letters. */
const CANDIDATE = /(?<![0-9A-Za-z])[1-8]\d{16}[0-9Xx](?![0-9A-Za-z])/g;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character (0–9 or X) of the first 17 digits of a resident ID number. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Resident ID numbers in a text, each with its birth date, sex and region; only numbers whose checksum holds (births after `today` are impossible). */
export function findResidentIds(text: string, today: Date = new Date()): Mention[] {
  const mentions: Mention[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const id = m[0].toUpperCase();
    if (residentIdCheckChar(id) !== id[17]) continue;
    const region = regionOf(id.slice(0, 6));
    if (!region) continue;
    const year = Number(id.slice(6, 10));
    const birthDate = isoDay(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)));
    if (!birthDate || year < 1900 || birthDate > today.toISOString().slice(0, 10)) continue;
    const start = m.index;
    mentions.push(
      mentionOf(text, 'ID_NUMBER', start, start + 18, {
        kind: 'resident_id',
        id,
        valid: true,
        birthDate,
        sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
        regionCode: id.slice(0, 6),
        ...region,
        region: `${region.province}${region.prefecture ?? ''}${region.county ?? ''}`,
      }, 0.98),
    );
  }
  return mentions;
}
