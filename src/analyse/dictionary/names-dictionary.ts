import { foldText } from '../normalise/normalise.js';
import { readResource } from '../resources.js';

/** A name the chain knows: its Han form (simplified) and the Latin forms it goes by. */
export interface NameEntry {
  han: string;
  aliases: string[];
  type: 'person' | 'place' | 'org' | 'name';
}

/**
 * Names and places for segmentation and cross-script search: CC-CEDICT's proper nouns, the seed
 * alias table (resources/aliases.tsv), and entries editors add per collection. Aliases are looked
 * up by their folded form ("xi jinping"), Han forms by their simplified form.
 */
export class NamesDictionary {
  private readonly byHan = new Map<string, NameEntry>();
  private readonly byAlias = new Map<string, Set<string>>();
  /** Han forms of two or more characters with a type other than 'name', by their first character's code, longest first. */
  private readonly typed = new Map<number, string[]>();

  add(entry: NameEntry): void {
    const han = foldText(entry.han);
    const existing = this.byHan.get(han);
    const merged: NameEntry = existing ? { ...existing, aliases: [...new Set([...existing.aliases, ...entry.aliases])] } : { ...entry, han };
    this.byHan.set(han, merged);
    if (merged.type !== 'name' && han.length >= 2) {
      const list = this.typed.get(han.charCodeAt(0)) ?? [];
      if (!list.includes(han)) {
        list.push(han);
        list.sort((a, b) => b.length - a.length);
        this.typed.set(han.charCodeAt(0), list);
      }
    }
    for (const alias of entry.aliases) {
      const key = foldText(alias).replace(/[\s\-‐·.'’]+/g, ' ').trim();
      if (!key) continue;
      const set = this.byAlias.get(key) ?? new Set<string>();
      set.add(han);
      this.byAlias.set(key, set);
    }
  }

  get(han: string): NameEntry | undefined {
    return this.byHan.get(foldText(han));
  }

  /** Han forms whose Latin alias is this (folded, spaces between words). */
  hanForAlias(latin: string): string[] {
    return [...(this.byAlias.get(foldText(latin).replace(/[\s\-‐·.'’]+/g, ' ').trim()) ?? [])];
  }

  /**
   * The Han forms typed person, place or org whose first (folded) character has this code, longest
   * first: the entity tagger gives them their type without running the segmenter.
   */
  typedStartingWith(code: number): readonly string[] {
    return this.typed.get(code) ?? NONE;
  }

  /** Every Han form, for the segmenter's user dictionary. */
  hanForms(): string[] {
    return [...this.byHan.keys()];
  }

}

const NONE: readonly string[] = [];

let bundled: NamesDictionary | null = null;

/** The dictionary shipped with Dossier (CC-CEDICT proper nouns + seed aliases), loaded once. */
export function bundledNames(): NamesDictionary {
  if (bundled) return bundled;
  const dict = new NamesDictionary();
  for (const [simp, , , english] of readResource('cedict/names.tsv')) {
    if (simp) dict.add({ han: simp, aliases: english ? [english] : [], type: 'name' });
  }
  for (const [han, aliases, type] of readResource('aliases.tsv')) {
    if (han) dict.add({ han: han.replace(/·/g, ''), aliases: (aliases ?? '').split('|').filter(Boolean), type: (type as NameEntry['type']) ?? 'name' });
    if (han?.includes('·')) dict.add({ han, aliases: (aliases ?? '').split('|').filter(Boolean), type: (type as NameEntry['type']) ?? 'name' });
  }
  bundled = dict;
  return dict;
}
