/** The fixed query mix of bench:search-scale, profile:search and bench:scale (a module of its own so each can import it without running another). */
/** The mix: the most common words first (each in about half the documents), then rarer words, phrases, names, pinyin. */
export const SCALE_QUERIES: Array<{ q: string; mode: 'normalised' | 'cross-script' | 'exact'; match?: 'all' | 'any' }> = [
  { q: 'the', mode: 'normalised' },
  { q: 'of', mode: 'normalised' },
  { q: '的', mode: 'normalised' },
  { q: '规定', mode: 'normalised' },
  { q: '人民', mode: 'normalised' },
  { q: 'the kernel', mode: 'normalised', match: 'any' },
  { q: '国务院有关部门应当依照本法规定做好哪些工作？', mode: 'normalised', match: 'any' },
  { q: '人民法院', mode: 'normalised' },
  { q: '劳动合同', mode: 'normalised' },
  { q: '国务院 规定', mode: 'normalised' },
  { q: 'kernel', mode: 'normalised' },
  { q: 'signal handler', mode: 'normalised' },
  { q: '"man page"', mode: 'normalised' },
  { q: '"中华人民共和国"', mode: 'normalised' },
  { q: '习近平', mode: 'cross-script' },
  { q: 'Xi Jinping', mode: 'cross-script' },
  { q: 'xinjiang', mode: 'cross-script' },
  { q: 'renmin fayuan', mode: 'cross-script' },
  { q: 'patch*', mode: 'normalised' },
  { q: 'documentation', mode: 'exact' },
  // A common word narrowed by record filters (the facet sidebar's links add these).
  { q: 'the lang:en date:2020', mode: 'normalised' },
  { q: '规定 type:text', mode: 'normalised' },
];
