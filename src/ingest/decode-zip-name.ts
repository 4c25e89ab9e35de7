import iconv from 'iconv-lite';

/**
 * Decode a ZIP member name from its raw bytes. The UTF-8 flag (bit 11) and the Info-ZIP Unicode
 * Path extra field (0x7075) are trusted; otherwise valid UTF-8 wins, then GBK (CP936, what Chinese
 * Windows writes), then CP437 as the ZIP specification says.
 */
export function decodeZipName(raw: Buffer, flags: number, extraFields: Array<{ id: number; data: Buffer }>): string {
  const unicodePath = extraFields.find((f) => f.id === 0x7075);
  if (unicodePath && unicodePath.data.length > 5 && unicodePath.data[0] === 1) return unicodePath.data.subarray(5).toString('utf8');
  if (flags & 0x800) return raw.toString('utf8');
  if (raw.every((b) => b < 0x80)) return raw.toString('ascii');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // not UTF-8
  }
  const gbk = iconv.decode(raw, 'gb18030');
  if (!gbk.includes('\uFFFD')) return gbk;
  return iconv.decode(raw, 'cp437');
}
