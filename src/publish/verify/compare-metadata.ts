/** A metadata field whose value differs between two copies (absent: null). */
export interface MetadataDifference {
  field: string;
  a: string | null;
  b: string | null;
}

/** Flatten nested metadata (XMP, EXIF blocks) to dotted field names with printable values. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * Fields that differ: PDF info and XMP, Office properties, EXIF, email headers — whatever
 * extraction recorded — in field-name order. The file's own line-ending style is added by
 * the caller as `lineEndings`.
 */
export function compareMetadata(a: Record<string, unknown>, b: Record<string, unknown>): MetadataDifference[] {
  const fa = new Map<string, string>();
  const fb = new Map<string, string>();
  flatten(a, '', fa);
  flatten(b, '', fb);
  const fields = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return fields.filter((f) => fa.get(f) !== fb.get(f)).map((field) => ({ field, a: fa.get(field) ?? null, b: fb.get(field) ?? null }));
}

/** How a stored file ends its lines: crlf, lf, cr, mixed, or none (read from its first MiB). */
export function lineEndingsOf(bytes: Uint8Array): 'crlf' | 'lf' | 'cr' | 'mixed' | 'none' {
  let crlf = 0, lf = 0, cr = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d) {
      if (bytes[i + 1] === 0x0a) {
        crlf++;
        i++;
      } else cr++;
    } else if (bytes[i] === 0x0a) lf++;
  }
  const kinds = [crlf && 'crlf', lf && 'lf', cr && 'cr'].filter(Boolean) as Array<'crlf' | 'lf' | 'cr'>;
  return kinds.length === 0 ? 'none' : kinds.length > 1 ? 'mixed' : (kinds[0] ?? 'none');
}
