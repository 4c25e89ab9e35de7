/** Metadata fields that carry a document's own date, most telling first. */
const DATE_FIELDS = ['date', 'created', 'dateTimeOriginal', 'createDate', 'modified'];

/**
 * The document's own date as an ISO string (an email's Date, a PDF's or Office file's creation
 * date, a photo's capture time), or null. Dates before 1970 or after next year are set aside as
 * wrong clocks and placeholders.
 */
export function documentDate(metadata: Record<string, unknown>): string | null {
  const latest = new Date().getUTCFullYear() + 1;
  for (const field of DATE_FIELDS) {
    const value = metadata[field];
    if (typeof value !== 'string' || value.trim() === '') continue;
    // PDF dates: D:20170214093000+08'00' or already ISO from pdfinfo -isodates.
    const pdf = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?/.exec(value);
    const candidate = pdf ? `${pdf[1]}-${pdf[2] ?? '01'}-${pdf[3] ?? '01'}T${pdf[4] ?? '00'}:${pdf[5] ?? '00'}:${pdf[6] ?? '00'}Z` : value;
    const date = new Date(candidate);
    if (Number.isNaN(date.getTime())) continue;
    const year = date.getUTCFullYear();
    if (year < 1970 || year > latest) continue;
    return date.toISOString();
  }
  return null;
}
