import type { Mention } from '../../domain/entities.js';
import { enLexicon, type EnLexicon } from './en-lexicon.js';

type Type = 'PER' | 'LOC' | 'ORG';
const ENTITY: Record<Type, Mention['type']> = { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' };

interface Token {
  t: string;
  s: number;
  e: number;
  /** Capitalised (or a capitalised word of an all-caps line), so possibly part of a name. */
  cap: boolean;
  /** First word of a sentence or line, where capitals say nothing. */
  initial: boolean;
  /** In a line written all in capitals. */
  headline: boolean;
}

/** Words that precede a person's name and are not part of it. */
const PERSON_TITLES = new Set(['prime', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'president', 'minister', 'premier', 'chancellor', 'senator', 'sen', 'rep', 'governor', 'gov', 'mayor', 'judge', 'justice', 'general', 'gen', 'colonel', 'col', 'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'admiral', 'adm', 'king', 'queen', 'prince', 'princess', 'pope', 'father', 'rev', 'reverend', 'bishop', 'archbishop', 'ambassador', 'secretary', 'chairman', 'chairwoman', 'spokesman', 'spokeswoman', 'coach', 'comrade', 'officer', 'inspector', 'detective', 'director', 'commissioner', 'vice', 'deputy', 'leader', 'striker', 'midfielder', 'defender', 'goalkeeper', 'manager', 'chief', 'envoy', 'dissident', 'activist', 'cardinal', 'fullback', 'winger', 'flanker', 'scrumhalf', 'quarterback', 'pitcher', 'rabbi', 'imam', 'sheikh', 'ayatollah', 'emir', 'sultan']);
/** Last words of organisation names. */
const ORG_HEADS = new Set(['inc', 'ltd', 'llc', 'plc', 'corp', 'corporation', 'co', 'company', 'group', 'bank', 'university', 'college', 'institute', 'school', 'academy', 'ministry', 'department', 'committee', 'commission', 'council', 'party', 'agency', 'association', 'federation', 'union', 'league', 'club', 'united', 'fc', 'city', 'rovers', 'wanderers', 'athletic', 'airlines', 'airways', 'motors', 'holdings', 'industries', 'systems', 'technologies', 'organisation', 'organization', 'foundation', 'society', 'court', 'parliament', 'assembly', 'congress', 'senate', 'army', 'navy', 'police', 'bureau', 'office', 'service', 'times', 'post', 'journal', 'news', 'press', 'television', 'tv', 'radio', 'exchange', 'fund', 'trust', 'board', 'authority', 'administration', 'government', 'front', 'movement', 'brigade', 'telecom', 'communications', 'petroleum', 'oil', 'energy', 'international', 'hospital', 'church', 'spa', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'ab', 'asa', 'oyj', 'bhd', 'pte', 'pty', 'srl', 'lp', 'llp', 'bancorp', 'bancshares', 'pharmaceuticals', 'securities', 'insurance', 'partners', 'electric', 'mining', 'steel', 'chemicals', 'foods', 'stores', 'enterprises', 'associates', 'investments', 'ventures', 'services', 'networks', 'software', 'electronics', 'reserve', 'forces', 'guard', 'squad', 'team', 'orchestra', 'band', 'choir', 'cement', 'chemical', 'chemicals', 'textiles', 'breweries', 'brewery', 'shipping', 'shipyards', 'construction', 'pharmaceutical', 'aerospace', 'automotive', 'petrochemical', 'refinery', 'mills', 'lamps', 'bancorporation', 'financial', 'brothers', 'bros']);
/** First words of sports clubs' names (Dynamo Kiev, Real Madrid, Sporting Lisbon, Borussia Dortmund). */
const CLUB_FIRST = new Set(['dynamo', 'dinamo', 'deportivo', 'atletico', 'athletico', 'sporting', 'racing', 'olympique', 'olympiakos', 'real', 'inter', 'spartak', 'lokomotiv', 'torpedo', 'borussia', 'eintracht', 'fortuna', 'hertha', 'werder', 'bayer', 'steaua', 'rapid', 'slavia', 'sparta', 'dukla', 'cska', 'zenit', 'legia', 'gks', 'sk', 'fc', 'ac', 'as', 'us', 'sv', 'vfb', 'vfl', 'tsv', 'psv', 'rc', 'rcd', 'cd', 'cf', 'sd', 'ud']);
/** Words that make any name they are in an organisation's (American League Baseball, Red Star Belgrade). */
const ORG_INSIDE = new Set(['league', 'bank', 'union', 'party', 'university', 'corporation', 'airlines', 'ministry', 'council', 'committee', 'commission', 'agency', 'association', 'federation', 'institute', 'college', 'club', 'fc', 'sc', 'ac', 'inc', 'ltd', 'corp', 'group', 'motors', 'holdings', 'exchange', 'reserve']);
/** First words of organisation names with "of" (Bank of England, University of Chicago). */
const ORG_OF = new Set(['bank', 'university', 'ministry', 'department', 'institute', 'college', 'academy', 'bureau', 'council', 'federation', 'association', 'union', 'league', 'party', 'church', 'court', 'house', 'office', 'board', 'commission', 'committee', 'society', 'school', 'chamber', 'organisation', 'organization']);
/** Last words of place names (Yellow River, Gulf of Mexico, Xinjiang Province). */
const PLACE_HEADS = new Set(['city', 'capital', 'port', 'river', 'lake', 'mountain', 'mountains', 'mount', 'mt', 'island', 'islands', 'sea', 'ocean', 'gulf', 'bay', 'valley', 'province', 'county', 'state', 'region', 'prefecture', 'district', 'street', 'avenue', 'road', 'square', 'park', 'airport', 'strait', 'desert', 'peninsula', 'coast', 'canal', 'heights', 'hills', 'plain', 'plateau', 'basin', 'township', 'village', 'town']);
/** Words that take "of" inside a name (Bank of England, Gulf of Mexico, Republic of Ireland, Duke of Kent). */
const OF_TAKERS = new Set([...ORG_OF, ...PLACE_HEADS, ...PERSON_TITLES, 'republic', 'kingdom', 'states', 'emirates', 'duke', 'duchess', 'earl', 'count', 'isle', 'isles', 'cape', 'tower', 'statue', 'museum', 'hall', 'people', 'friends', 'sons', 'daughters', 'order', 'knights', 'palace', 'cathedral', 'gate', 'straits', 'lakes', 'heart', 'army', 'navy', 'force', 'forces', 'guard', 'movement', 'front', 'authority', 'agency', 'fund', 'foundation', 'trust', 'hospital', 'center', 'centre', 'conference', 'court', 'parliament', 'assembly', 'government', 'secretary']);
/** Words that join a name's parts (Bank of England, Vincent van Gogh, Osama bin Laden). */
const CONNECTORS = new Set(['of', 'de', 'da', 'del', 'della', 'di', 'du', 'des', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'y', 'for', 'the', '&']);
/** Prepositions after which an unknown name is a place. */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'to', 'near', 'into', 'across', 'outside', 'inside', 'towards', 'toward', 'throughout', 'via']);
/** Capitalised words that are never names by themselves. */
const NEVER = new Set(['i', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'mr', 'mrs', 'ms', 'dr', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'he', 'she', 'it', 'we', 'they', 'you', 'his', 'her', 'its', 'our', 'their', 'my', 'your', 'but', 'and', 'or', 'if', 'when', 'while', 'after', 'before', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'to', 'of', 'as', 'there', 'here', 'what', 'who', 'why', 'how', 'where', 'which', 'no', 'not', 'yes', 'all', 'some', 'one', 'two', 'three', 'am', 'pm', 'gmt', 'est', 'ok', 'tv']);
/** Common other names of countries. */
const ALIASES: Record<string, Type> = { Britain: 'LOC', 'Great Britain': 'LOC', 'U.S.': 'LOC', US: 'LOC', USA: 'LOC', UK: 'LOC', 'U.K.': 'LOC', Russia: 'LOC', Holland: 'LOC', 'South Korea': 'LOC', 'North Korea': 'LOC', Taiwan: 'LOC', 'Hong Kong': 'LOC', Tibet: 'LOC', Xinjiang: 'LOC', Europe: 'LOC', Asia: 'LOC', Africa: 'LOC', 'Middle East': 'LOC', 'European Union': 'ORG', EU: 'ORG', UN: 'ORG', 'United Nations': 'ORG', NATO: 'ORG', Reuters: 'ORG', Xinhua: 'ORG', 'U.N.': 'ORG', England: 'LOC', Scotland: 'LOC', Wales: 'LOC', 'Northern Ireland': 'LOC', Yugoslavia: 'LOC', 'Soviet Union': 'LOC', 'Czech Republic': 'LOC', 'West Bank': 'LOC', Gaza: 'LOC', Kosovo: 'LOC', Chechnya: 'LOC', Hongkong: 'LOC' };
/** Nationalities and religions are not entities here (Chinese, British, Moslem, South Korean). */
const NATIONALITY_WORDS = /^(Moslem|Muslim|Arab|Jewish|Christian|Catholic|Protestant|Islamic|Kurdish|English|French|Dutch|Swiss|Greek|Thai|Czech|Slovak|Uzbek|Kazakh|Tajik|Turkmen|Sikh|Hindu|Buddhist|Tibetan|Uyghur|Uighur|Han|Hui|Briton|Britons|Scots|Welsh|Irish)$/;
const DEMONYM_ENDING = /^(\p{Lu}\p{Ll}{3,}?)(ese|ish|ian|ians|ean|eans|an|ans|i|is|ic)$/u;

/** A nationality or religion (Chinese, British, Pakistani, Moslem): named, but not an entity here. */
function isNationality(word: string, lexicon: EnLexicon): boolean {
  const w = upperToTitle(word);
  if (NATIONALITY_WORDS.test(w)) return true;
  const kinds = lexicon.names.get(w);
  if (kinds) return kinds.has('demonym');
  // Otherwise a country's name with a demonym's ending: Indonesian, Pakistani, Uzbeks.
  const m = DEMONYM_ENDING.exec(w);
  return m !== null && lexicon.countryPrefixes.has(m[1]!.slice(0, 4));
}

/**
 * Computing words written in capitals (file formats, encodings, protocols, mail headers): never a
 * name by themselves, however much they look like an organisation's acronym.
 */
export const TECH_TERMS = new Set(['PDF', 'DOC', 'DOCX', 'XLS', 'XLSX', 'PPT', 'PPTX', 'ODT', 'ODS', 'RTF', 'TXT', 'CSV', 'TSV', 'HTML', 'HTM', 'XHTML', 'XML', 'JSON', 'YAML', 'TOML', 'SQL', 'CSS', 'JS', 'TS', 'PHP', 'EPUB', 'MOBI', 'EML', 'MSG', 'MBOX', 'PST', 'MIME', 'PNG', 'JPG', 'JPEG', 'GIF', 'TIF', 'TIFF', 'BMP', 'SVG', 'WEBP', 'HEIC', 'MP3', 'MP4', 'WAV', 'AVI', 'MOV', 'ZIP', 'RAR', 'GZ', 'TAR', 'CJK', 'UTF', 'ASCII', 'ANSI', 'GBK', 'BOM', 'CRLF', 'LF', 'CR', 'EOL', 'RFC', 'OCR', 'URL', 'URI', 'URLS', 'HTTP', 'HTTPS', 'FTP', 'SMTP', 'IMAP', 'POP', 'POP3', 'DNS', 'TCP', 'UDP', 'IP', 'SSL', 'TLS', 'SSH', 'VPN', 'API', 'APIS', 'SDK', 'CLI', 'GUI', 'UI', 'UX', 'CPU', 'GPU', 'RAM', 'ROM', 'SSD', 'HDD', 'USB', 'LAN', 'WIFI', 'ID', 'IDS', 'UUID', 'GUID', 'FAQ', 'TODO', 'README', 'EOF', 'NUL', 'NULL', 'CC', 'BCC', 'FWD', 'FW', 'RE', 'PS', 'NB', 'OK', 'GB', 'MB', 'KB', 'TB', 'DPI', 'PPI', 'RGB', 'CMYK', 'NLP', 'NER', 'LLM', 'AI', 'ML', 'OS', 'PC', 'IT', 'QR', 'SMS', 'MMS', 'GPS', 'PIN', 'CAPTCHA', 'WYSIWYG', 'CMS', 'CRM', 'ERP', 'SAAS', 'IDE', 'VM', 'DB']);
/** Words after a computing term that say it is one (PDF files, UTF-8 encoding, RFC 5322). */
const TECH_NOUNS = new Set(['file', 'files', 'format', 'formats', 'document', 'documents', 'encoding', 'encoded', 'header', 'headers', 'tag', 'tags', 'code', 'version', 'output', 'input', 'text', 'page', 'pages', 'link', 'links', 'mode', 'standard', 'spec', 'specification', 'attachment', 'attachments', 'export', 'viewer', 'reader', 'parser', 'field', 'fields', 'line', 'lines', 'request', 'response', 'server', 'client', 'address', 'scan', 'scans', 'layer', 'engine', 'characters']);
/** A file's name: letters before a lower-case extension (README.md, report.pdf). */
const FILE_NAME = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.[a-z][a-z0-9]{0,4}\.?$/u;
/** Letters and digits in one word (UTF-8, MP3, SHA-256): a code or a version, not a name. */
const CODE_WORD = /^(?=.*\p{L})(?=.*\p{N})[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*$/u;

/**
 * A word that is capitalised but no name: a file's name, a code, a computing term, or a header's
 * name made of ordinary words (Message-ID, In-Reply-To, Content-Type).
 */
function isTechnical(t: string, lexicon: EnLexicon): boolean {
  if (FILE_NAME.test(t) && !/^\p{Lu}\.\p{Lu}/u.test(t)) return true;
  if (TECH_TERMS.has(t.toUpperCase()) && !lexicon.names.has(t)) return true;
  if (CODE_WORD.test(t) && !lexicon.names.has(t)) return true;
  if (t.includes('-')) {
    const parts = t.split('-');
    return parts.every((p) => UPPER.test(p) && (NEVER.has(p.toLowerCase()) || lexicon.common.has(p.toLowerCase()) || TECH_TERMS.has(p.toUpperCase()) || /^\p{Lu}{1,3}$/u.test(p)));
  }
  return false;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’.&-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*\.?/gu;
const UPPER = /^\p{Lu}/u;
const LOWER = /\p{Ll}/u;

function tokenize(text: string, lexicon: EnLexicon): Token[] {
  const out: Token[] = [];
  // A line mostly in capitals is a headline: its words are capitalised whatever they are.
  const lineCaps = new Map<number, boolean>();
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const letters = line.replace(/[^\p{L}]/gu, '');
    lineCaps.set(lineStart, letters.length > 3 && !LOWER.test(letters));
    lineStart += line.length + 1;
  }
  let currentLine = 0;
  for (const m of text.matchAll(WORD)) {
    let t = m[0];
    const s = m.index;
    // Keep the dot of abbreviations and initials (U.S., Mr., J.), not a sentence's full stop.
    if (t.endsWith('.') && !/^(\p{Lu}|\p{L}+\.\p{L}+\.?|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Gov|Sen|Rep|Inc|Ltd|Corp|Co|Mt)\.$/u.test(t)) t = t.slice(0, -1);
    const lineAt = text.lastIndexOf('\n', s - 1) + 1;
    if (lineAt !== currentLine) currentLine = lineAt;
    const headline = lineCaps.get(currentLine) ?? false;
    const before = text.slice(Math.max(lineAt, s - 3), s);
    const initial = s === lineAt || /[.!?:;"“(]\s*$/.test(before) || /^\s*$/.test(text.slice(lineAt, s));
    if (FILE_NAME.test(t) && t.endsWith('.')) t = t.slice(0, -1);
    out.push({ t, s, e: s + t.length, cap: UPPER.test(t) && !/^\p{N}/u.test(t) && !isTechnical(t, lexicon), initial: initial || headline, headline });
  }
  return out;
}

/** Common nouns that name what an organisation is, just before its name (news agency Interfax). */
const ORG_BEFORE = new Set(['agency', 'company', 'firm', 'group', 'newspaper', 'daily', 'weekly', 'bank', 'club', 'side', 'carrier', 'airline', 'maker', 'manufacturer', 'insurer', 'broker', 'brokerage', 'conglomerate', 'party', 'giant', 'retailer', 'operator', 'producer', 'distributor', 'subsidiary', 'unit', 'magazine', 'station', 'network', 'university']);
/** Words just after an organisation's name (Pirelli shares, Interfax news agency). */
const ORG_AFTER = new Set(['shares', 'stock', 'stocks', 'newspaper', 'daily', 'agency', 'airline', 'bank', 'group', 'subsidiary', 'unit', 'plant', 'factory', 'shareholders', 'management', 'executives', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'quoted']);
/** Words before "of" that make an organisation of what follows (shares of Magna, a unit of Cofinec). */
const ORG_OF_CONTEXT = new Set(['shares', 'stake', 'stakes', 'subsidiary', 'unit', 'division', 'spokesman', 'spokeswoman', 'shareholders', 'shareholder', 'employees', 'takeover', 'acquisition', 'owner', 'owners', 'affiliate', 'members', 'member']);
/** Verbs and marks of a match between two teams. */
const MATCH_WORDS = new Set(['beat', 'beats', 'drew', 'defeated', 'edged', 'thrashed', 'routed', 'v', 'vs', 'vs.', 'versus']);
const NUMBER = /^\d+$/;

/**
 * A name used as a team's: next to a word of a match (X beat Y, X v Y), or followed by a score
 * with another name and score on the same line (X 6 Y 1), or leading a row of numbers (a table).
 */
function playsAsTeam(tokens: Token[], first: number, last: number, text: string): boolean {
  const prev = tokens[first - 1];
  const next = tokens[last + 1];
  if ((next && MATCH_WORDS.has(next.t.toLowerCase())) || (prev && MATCH_WORDS.has(prev.t.toLowerCase()))) return true;
  const sameLine = (a: Token, b: Token) => !text.slice(a.e, b.s).includes('\n');
  if (next && NUMBER.test(next.t) && sameLine(tokens[last]!, next)) {
    const after = tokens[last + 2];
    if (after && sameLine(next, after) && after.cap && !NUMBER.test(after.t)) {
      // X 6 Y 1: a name, a score, a name, a score.
      for (let k = last + 3; k < tokens.length && k < last + 7 && sameLine(tokens[k - 1]!, tokens[k]!); k++) if (NUMBER.test(tokens[k]!.t)) return true;
    }
    let numbers = 0;
    for (let k = last + 1; k < tokens.length && sameLine(tokens[k - 1]!, tokens[k]!) && NUMBER.test(tokens[k]!.t); k++) numbers++;
    if (numbers >= 3) return true;
  }
  if (prev && NUMBER.test(prev.t) && sameLine(prev, tokens[first]!) && tokens[first - 2]?.cap && sameLine(tokens[first - 2]!, prev) && next && NUMBER.test(next.t)) return true;
  return false;
}

const upperToTitle = (w: string) => (w.length > 1 && w === w.toUpperCase() ? titleCase(w) : w);

/** Where the chunk a token is in would start: the token itself (chunks start at a token). */

const titleCase = (w: string) => w.charAt(0) + w.slice(1).toLowerCase();

/** What the gazetteer says of a name, as written or title-cased (headlines). */
function kindsOf(name: string, lexicon: EnLexicon): Set<string> | undefined {
  return lexicon.names.get(name) ?? (name === name.toUpperCase() ? lexicon.names.get(name.split(' ').map(titleCase).join(' ')) : undefined);
}

function typeFromGazetteer(name: string, lexicon: EnLexicon): Type | null | 'skip' {
  const alias = ALIASES[name] ?? ALIASES[name.split(' ').map(upperToTitle).join(' ')];
  if (alias) return alias;
  const kinds = kindsOf(name, lexicon);
  if (!kinds) return null;
  if (kinds.has('demonym')) return 'skip';
  if (kinds.has('country') || kinds.has('capital') || kinds.has('region') || kinds.has('place')) return 'LOC';
  if (kinds.has('org') || kinds.has('team')) return 'ORG';
  if (kinds.has('city')) return 'LOC';
  return null;
}

/** An initial (A. Mullally, J. Smith): not the article, whatever its letter. */
const INITIAL = /^\p{Lu}\.$/u;

function isCommonWord(token: Token, lexicon: EnLexicon, lowerSeen: Set<string>): boolean {
  if (INITIAL.test(token.t)) return false;
  const lower = token.t.toLowerCase();
  if (NEVER.has(lower.replace(/\.$/, ''))) return true;
  if (lexicon.names.has(token.t) || lexicon.names.has(titleCase(token.t)) || ALIASES[token.t]) return false;
  return lowerSeen.has(lower) || lexicon.common.has(lower);
}

/** Mentions in a passage of English (Latin-script) text, offsets shifted by `offset`. */
export function findEnglishEntities(text: string, offset: number): Mention[] {
  const lexicon = enLexicon();
  const tokens = tokenize(text, lexicon);
  const lowerSeen = new Set<string>();
  // Words written capitalised inside sentences and never in lower case: names, even at a sentence's start.
  const capitalisedInside = new Set<string>();
  for (const tok of tokens) {
    if (!UPPER.test(tok.t)) lowerSeen.add(tok.t.toLowerCase());
    else if (!tok.initial) capitalisedInside.add(tok.t);
  }

  // Chunks: runs of capitalised words, with connectors inside, not across punctuation.
  const chunks: Array<{ first: number; last: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (!tok.cap) continue;
    // At a sentence's start or in a headline, an ordinary word is not a name.
    const insideName = capitalisedInside.has(tok.t) && !lowerSeen.has(tok.t.toLowerCase()) && !NEVER.has(tok.t.toLowerCase());
    if (!insideName && isCommonWord(tok, lexicon, lowerSeen) && (tok.initial || NEVER.has(tok.t.toLowerCase()))) {
      // Unless it starts a known name: New York, Los Angeles (in a headline, NEW YORK).
      let known = 0;
      for (let n = 2; n <= 4 && i + n <= tokens.length; n++) if (typeFromGazetteer(text.slice(tok.s, tokens[i + n - 1]!.e), lexicon)) known = n;
      // …or an organisation's whose last word says so (State Department, Federal Open Market Committee).
      if (known === 0 && !tok.headline && !NEVER.has(tok.t.toLowerCase())) {
        let k = i;
        while (k + 1 < tokens.length && k - i < 4 && tokens[k + 1]!.cap && /^[ \t]$/.test(text.slice(tokens[k]!.e, tokens[k + 1]!.s))) k++;
        if (k > i && ORG_HEADS.has(tokens[k]!.t.toLowerCase().replace(/\.$/, ''))) known = k - i + 1;
      }
      if (known === 0) continue;
    }
    let last = i;
    let j = i + 1;
    while (j < tokens.length) {
      const gap = text.slice(tokens[j - 1]!.e, tokens[j]!.s);
      // Johnson & Johnson, Standard & Poor's: the ampersand joins a company's names.
      const ampersand = /^[ \t]?&[ \t]?$/.test(gap) && tokens[j]!.cap;
      if (!/^[ \t]?$/.test(gap) && !ampersand) break;
      const next = tokens[j]!;
      // In a headline every word is in capitals: an ordinary word ends the name (ENGLAND BEAT PAKISTAN).
      const plainInHeadline = next.headline && isCommonWord(next, lexicon, lowerSeen) && !typeFromGazetteer(text.slice(tok.s, next.e), lexicon);
      if (next.cap && !plainInHeadline && (INITIAL.test(next.t) || !NEVER.has(next.t.toLowerCase().replace(/\.$/, '')))) {
        last = j;
        j++;
        continue;
      }
      if (CONNECTORS.has(next.t.toLowerCase()) && tokens[j + 1]?.cap && /^[ \t]$/.test(text.slice(next.e, tokens[j + 1]!.s))) {
        j++;
        continue;
      }
      break;
    }
    // A country before another name is a name of its own (U.S. Treasury, China Daily stays whole if known).
    if (last > i && typeFromGazetteer(tok.t, lexicon) === 'LOC' && (kindsOf(tok.t, lexicon)?.has('country') || (ALIASES[tok.t] ?? ALIASES[upperToTitle(tok.t)]) === 'LOC') && !typeFromGazetteer(text.slice(tok.s, tokens[last]!.e), lexicon)) {
      chunks.push({ first: i, last: i });
      continue;
    }
    // Two names joined by "of" where the first does not take one (Keith O'Neill of Norwich City,
    // Acme Inc of Boston): two chunks; Bank of England, Gulf of Mexico, Duke of Kent stay whole.
    let from = i;
    for (let m = i + 1; m < last; m++) {
      if (tokens[m]!.t !== 'of' || OF_TAKERS.has(tokens[m - 1]!.t.toLowerCase().replace(/\.$/, '')) || typeFromGazetteer(text.slice(tokens[from]!.s, tokens[last]!.e), lexicon)) continue;
      chunks.push({ first: from, last: m - 1 });
      from = m + 1;
    }
    // An organisation or place, then a title and a person (Security Council President Tono Eitel,
    // Kansas Governor Bill Graves): two chunks, the title going with the person.
    for (let m = from + 1; m < last; m++) {
      const word = tokens[m]!.t.toLowerCase().replace(/\.$/, '');
      if (!PERSON_TITLES.has(word) || PERSON_TITLES.has(tokens[m - 1]!.t.toLowerCase().replace(/\.$/, ''))) continue;
      const before = text.slice(tokens[from]!.s, tokens[m - 1]!.e);
      const kind = typeFromGazetteer(before, lexicon);
      if ((kind === 'ORG' || kind === 'LOC' || (m - 1 > from && ORG_HEADS.has(tokens[m - 1]!.t.toLowerCase().replace(/\.$/, '')))) && !typeFromGazetteer(text.slice(tokens[from]!.s, tokens[last]!.e), lexicon)) {
        chunks.push({ first: from, last: m - 1 });
        from = m;
        break;
      }
    }
    chunks.push({ first: from, last });
    i = last;
  }

  const found: Array<{ s: number; e: number; type: Type; confidence: number; name: string }> = [];
  const unknown: Array<{ s: number; e: number; name: string; prev: Token | undefined; initial: boolean; team: boolean; of: Token | undefined; next: Token | undefined }> = [];
  for (const chunk of chunks) {
    let first = chunk.first;
    const last = chunk.last;
    let prev = tokens[first - 1];
    // Titles inside the chunk (President Xi Jinping, Mr. Smith) mark a person and are left out.
    let titled = prev !== undefined && PERSON_TITLES.has(prev.t.toLowerCase().replace(/\.$/, ''));
    // Nationalities before a name describe it (American Dennis Mitchell, Palestinian President Yasser Arafat).
    for (;;) {
      if (first < last && PERSON_TITLES.has(tokens[first]!.t.toLowerCase().replace(/\.$/, '')) && !ORG_OF.has(tokens[first]!.t.toLowerCase())) {
        titled = true;
        prev = tokens[first];
        first++;
      } else if (first < last && isNationality(tokens[first]!.t, lexicon) && !typeFromGazetteer(text.slice(tokens[first]!.s, tokens[last]!.e), lexicon) && !(last - first >= 2 && ORG_HEADS.has(tokens[last]!.t.toLowerCase().replace(/\.$/, '')))) first++;
      // (British Broadcasting Corporation, African National Congress keep their first word.)
      else break;
    }
    const s = tokens[first]!.s;
    const e = tokens[last]!.e;
    const name = text.slice(s, e);
    const words = name.split(/\s+/);
    const head = words[words.length - 1]!.toLowerCase().replace(/\.$/, '');
    const firstWord = words[0]!.toLowerCase();
    const gazetteer = typeFromGazetteer(name, lexicon);
    if (gazetteer === 'skip' || (!gazetteer && words.length <= 2 && isNationality(words[words.length - 1]!, lexicon))) continue;
    let type: Type | null = null;
    let confidence = 0.6;
    if (gazetteer) [type, confidence] = [gazetteer, 0.85];
    else if (ORG_HEADS.has(head) && words.length > 1) [type, confidence] = ['ORG', 0.8];
    else if (words.length > 1 && words.some((w) => ORG_INSIDE.has(w.toLowerCase()))) [type, confidence] = ['ORG', 0.65];
    else if (words.length > 1 && (CLUB_FIRST.has(firstWord) || name.includes('&'))) [type, confidence] = ['ORG', 0.65];
    else if (words.length > 2 && ORG_OF.has(firstWord) && words[1] === 'of') [type, confidence] = ['ORG', 0.8];
    else if (PLACE_HEADS.has(head) && words.length > 1) [type, confidence] = ['LOC', 0.75];
    else if (titled) [type, confidence] = ['PER', 0.85];
    else if (words.length >= 2 && words.length <= 4 && (kindsOf(words[0]!, lexicon)?.has('first') || kindsOf(words[words.length - 1]!, lexicon)?.has('last'))) [type, confidence] = ['PER', 0.75];
    // A place's name as a team's (Leicestershire beat Somerset; Minnesota 6 Milwaukee 1) is an organisation.
    // Countries keep their type: a national side is named as its country.
    const country = type === 'LOC' && (kindsOf(name, lexicon)?.has('country') || ALIASES[name] === 'LOC');
    if (type === 'LOC' && !country && playsAsTeam(tokens, first, last, text)) [type, confidence] = ['ORG', 0.6];
    if (type) found.push({ s, e, type, confidence, name });
    else unknown.push({ s, e, name, prev, initial: tokens[first]!.initial, team: first === last && playsAsTeam(tokens, first, last, text), of: tokens[first - 2], next: tokens[last + 1] });
  }

  // An unknown name repeating part of a known one is that one (Simmons after Phil Simmons);
  // after "in", "at", "from" it is a place; the words around it may say organisation or team.
  const known = new Map<string, Type>();
  for (const f of found) {
    if (f.confidence < 0.7) continue;
    if (f.type === 'PER') for (const part of f.name.split(/\s+/)) if (part.length > 1) known.set(part, 'PER');
  }
  for (const f of found) if (f.confidence >= 0.7 && !known.has(f.name)) known.set(f.name, f.type);
  for (const u of unknown) {
    const remembered = known.get(u.name) ?? known.get(u.name.split(/\s+/).map(titleCase).join(' '));
    if (remembered) found.push({ s: u.s, e: u.e, type: remembered, confidence: 0.7, name: u.name });
    else if (u.name.length === 1) continue;
    // The company's own words around it: news agency Interfax, Pirelli shares.
    else if ((u.prev && ORG_BEFORE.has(u.prev.t.toLowerCase())) || (u.next && ORG_AFTER.has(u.next.t.toLowerCase()))) found.push({ s: u.s, e: u.e, type: 'ORG', confidence: 0.55, name: u.name });
    else if (u.team) found.push({ s: u.s, e: u.e, type: 'ORG', confidence: 0.5, name: u.name });
    // The city of Arbil, the province of Zhejiang.
    else if (u.prev?.t === 'of' && u.of && PLACE_HEADS.has(u.of.t.toLowerCase())) found.push({ s: u.s, e: u.e, type: 'LOC', confidence: 0.6, name: u.name });
    else if (u.prev && PLACE_PREPOSITIONS.has(u.prev.t.toLowerCase())) found.push({ s: u.s, e: u.e, type: 'LOC', confidence: 0.5, name: u.name });
    // An acronym outside a headline is an organisation (KDP, NATO).
    // Shares of Magna, a subsidiary of Cofinec.
    else if (u.prev?.t === 'of' && u.of && ORG_OF_CONTEXT.has(u.of.t.toLowerCase())) found.push({ s: u.s, e: u.e, type: 'ORG', confidence: 0.55, name: u.name });
    // An acronym in brackets after a name is that name's (the Party of Democratic Action ( SDA )).
    else if (/^\p{Lu}{2,6}$/u.test(u.name) && /\(\s*$/.test(text.slice(Math.max(0, u.s - 3), u.s)) && /^\s*\)/.test(text.slice(u.e, u.e + 3))) {
      const before = found.find((f) => f.e < u.s && /^\s*\(\s*$/.test(text.slice(f.e, u.s)));
      found.push({ s: u.s, e: u.e, type: before?.type === 'LOC' ? 'LOC' : 'ORG', confidence: 0.55, name: u.name });
    } else if (/^\p{Lu}{2,5}$/u.test(u.name) && !u.initial && !(u.next && TECH_NOUNS.has(u.next.t.toLowerCase()))) found.push({ s: u.s, e: u.e, type: 'ORG', confidence: 0.5, name: u.name });
    else if (u.initial && !u.name.includes(' ')) continue;
    // "the" before a lone unknown name: an institution or a team (the Treasury, the Braves).
    else if (u.prev?.t.toLowerCase() === 'the' && !u.name.includes(' ')) found.push({ s: u.s, e: u.e, type: 'ORG', confidence: 0.45, name: u.name });
    // Several capitalised words, none of them ordinary (Cup, Open, Tour are): a person's name. A lone
    // unknown word with nothing around it to tell (Pirelli, Arbil, Frater) is left out: guessing cost more than it found.
    else if (u.name.includes(' ') && u.name.split(/\s+/).every((w) => !lexicon.common.has(w.toLowerCase()))) found.push({ s: u.s, e: u.e, type: 'PER', confidence: 0.4, name: u.name });
  }
  found.sort((a, b) => a.s - b.s);
  return found.map((f) => ({ text: text.slice(f.s, f.e), type: ENTITY[f.type], start: f.s + offset, end: f.e + offset, confidence: f.confidence }));
}
