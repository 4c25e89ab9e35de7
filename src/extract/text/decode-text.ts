import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as (WHATWG/iconv label). */
  encoding: string;
}

/**
 * The most frequent characters of written Chinese, in simplified and traditional forms. Real
 * Chinese text is full of them; bytes decoded with the wrong CJK encoding come out as a spread of
 * rare characters. This separates GBK from Big5 far better than byte statistics alone.
 */
const COMMON_HAN = new Set(
  Array.from(
    '的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年过過发發后後作里裏用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日军軍者意无無力它与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應战戰向头頭文体體政美相见見被利什二等产產或新己制身果加西月话話合回特代内信表化老给給世位次度门門任常先海通教原东東声聲提立及比员員解水名真论論处處走义義各入几幾口认認条條平系气氣题題活更别打女变變四神总總何电電数數安少报報才结結反受目太量再感建务務做接必场場件计計管期市直资資命山金指许許统統区區保至队隊形社便空决決治展马馬科司五基书書非则則听聽白界达達光放强強即像难難且权權思王象完设設式色路记記南品住告类類求据據程北边邊死张張该該交规規万萬取望觉覺术術领領共确確传傳师師观觀清今切院让讓识識候带帶导導争爭运運改收根干造言联聯持组組每济濟车車亲親极極林服快办辦议議往元证證近失转轉令准始存未远遠单單影具罗羅字爱愛击擊流备備兵连連调調深商算质質团團集百需价價花党黨华華城级級整府况況请請技际際约約示复復病息线線官火断斷精满滿支视視消越器容照须須增研写寫称稱企功包片史委查轻輕易早除农農找装裝广廣显顯标標谈談图圖念引历歷首医醫局专專费費号號另周较較注语語仅僅考落随隨选選列武红紅响響虽雖推势勢参參希众眾构構房半节節土投某案维維革划劃致陈陳律足态態护護兴興派验驗责責营營星章音志底站严嚴例防族供效续續施留讲講型料终終答紧緊绝絕察京段依批群项項故按河围圍江织織害双雙境客纪紀采举舉县縣省委书記疆'),
);

function commonShare(text: string): { han: number; share: number; bad: number } {
  let han = 0;
  let common = 0;
  let bad = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (COMMON_HAN.has(ch)) common++;
    } else if (/[\u0080-\u009f\ue000-\uf8ff]/.test(ch)) bad++; // C1 controls, private use
  }
  return { han, share: han === 0 ? 0 : common / han, bad };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Guess UTF-16 without a BOM: every other byte zero in ASCII-heavy text. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 16) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.4 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.4 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

/**
 * Decode text whose encoding is unknown: a BOM decides; then valid UTF-8; then the CJK
 * encodings (GB18030 ⊃ GBK ⊃ GB2312, Big5, Shift_JIS, EUC-KR) judged by how natural the
 * decoded Chinese is; then chardet's best guess among the single-byte encodings.
 * `declared`, from a charset header or meta tag, is tried first when it decodes cleanly.
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  if (isValidUtf8(buffer)) return { text: buffer.toString('utf8'), encoding: 'utf-8' };
  const utf16 = guessBomlessUtf16(buffer);
  if (utf16) return { text: iconv.decode(buffer, utf16), encoding: utf16 };

  const label = declared ? normaliseLabel(declared) : null;
  if (label && iconv.encodingExists(label) && label !== 'utf-8') {
    const text = iconv.decode(buffer, label);
    if (commonShare(text).bad === 0) return { text, encoding: label };
  }

  const sample = buffer.subarray(0, 256 * 1024);
  let best: { encoding: string; score: number } | null = null;
  for (const encoding of ['gb18030', 'big5', 'shift_jis', 'euc-kr']) {
    const { han, share, bad } = commonShare(iconv.decode(sample, encoding));
    if (han < 2) continue;
    const score = share - bad / han;
    if (!best || score > best.score) best = { encoding, score };
  }
  if (best && best.score > 0.2) return { text: iconv.decode(buffer, best.encoding), encoding: best.encoding };

  const guess = chardet.detect(sample);
  const encoding = guess && iconv.encodingExists(guess) && !/^utf/i.test(guess) ? normaliseLabel(guess) : 'windows-1252';
  return { text: iconv.decode(buffer, encoding), encoding };
}

function normaliseLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  if (lower === 'gb2312' || lower === 'gbk' || lower === 'cp936' || lower === 'x-gbk') return 'gb18030';
  if (lower === 'iso-8859-1' || lower === 'latin1' || lower === 'us-ascii' || lower === 'ascii') return 'windows-1252';
  if (lower === 'big5-hkscs') return 'big5hkscs';
  return lower;
}
