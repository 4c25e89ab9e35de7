import { createRequire } from 'node:module';
import { readResource } from '../resources.js';

/** What the English path knows: typed names (resources/entities/en-gazetteer.tsv) and common words. */
export interface EnLexicon {
  /** Name (as written, title case) → its kinds: country capital city region place demonym first last org team. */
  names: Map<string, Set<string>>;
  /** Lower-case words that are ordinary vocabulary (compromise's lexicon, not its names). */
  common: Set<string>;
  /** First four letters of every country's name, to tell its demonym (Indones|ian). */
  countryPrefixes: Set<string>;
}

let lexicon: EnLexicon | null = null;

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Place', 'City', 'Country', 'Region', 'Organization', 'SportsTeam', 'ProperNoun', 'Demonym']);

export function enLexicon(): EnLexicon {
  if (lexicon) return lexicon;
  const names = new Map<string, Set<string>>();
  for (const [name, kinds] of readResource('entities/en-gazetteer.tsv')) names.set(name!, new Set((kinds ?? '').split(',')));
  const common = new Set<string>();
  // compromise takes most of a second to load: only the first English text pays for it, not
  // every command that imports the analysis chain (its CommonJS build, loaded on demand).
  const nlp = createRequire(import.meta.url)('compromise') as { model(): unknown };
  const model = nlp.model() as { one: { lexicon: Record<string, string | string[]> } };
  for (const [word, tags] of Object.entries(model.one.lexicon)) {
    const list = Array.isArray(tags) ? tags : [tags];
    if (!list.some((t) => NAME_TAGS.has(t)) && !word.includes(' ')) common.add(word);
  }
  const countryPrefixes = new Set<string>();
  for (const [name, kinds] of names) if (kinds.has('country')) countryPrefixes.add(name.slice(0, 4));
  lexicon = { names, common, countryPrefixes };
  return lexicon;
}
