import { foldText } from '../../analyse/index.js';

/** Characters that separate nothing for matching: whitespace, zero-width marks, soft hyphens. */
const IGNORED = /^[\s\u00ad\u180e\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff]$/u;

/**
 * A text folded the way the normalised search mode folds it (NFKC, radicals, case, accents,
 * traditional → simplified), with whitespace and zero-width characters removed, and for each
 * folded character the index of the source unit it came from. Units are characters of a page
 * text, or characters of a PDF's text layer: the same folding on both sides is what makes a
 * mark made on stored text find its glyphs, and the check find a survivor.
 */
export interface Folded {
  folded: string;
  owner: number[];
}

export function foldUnits(units: readonly string[]): Folded {
  let folded = '';
  const owner: number[] = [];
  units.forEach((unit, i) => {
    if (IGNORED.test(unit)) return;
    for (const ch of foldText(unit)) {
      if (IGNORED.test(ch)) continue;
      folded += ch;
      for (let k = 0; k < ch.length; k++) owner.push(i);
    }
  });
  return { folded, owner };
}

/** A string in the check's normalisation: folded, no whitespace, no zero-width characters. */
export function foldForMatch(text: string): string {
  return foldUnits([...text]).folded;
}

/** Every occurrence of `needle` (already folded) in a folded text, as [first unit, last unit] pairs. */
export function findFolded(haystack: Folded, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (needle.length === 0) return out;
  let at = haystack.folded.indexOf(needle);
  while (at >= 0) {
    out.push([haystack.owner[at]!, haystack.owner[at + needle.length - 1]!]);
    at = haystack.folded.indexOf(needle, at + needle.length);
  }
  return out;
}

/** The occurrences of `needle` in a page's text, as the original strings they are there. */
export function occurrencesIn(text: string, needle: string): string[] {
  const units = [...text];
  return findFolded(foldUnits(units), foldForMatch(needle)).map(([s, e]) => units.slice(s, e + 1).join(''));
}
