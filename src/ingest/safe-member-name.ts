/**
 * Make an archive member's name safe to show and to join to a path: no absolute paths, no drive
 * letters, no `..` or `.` segments, forward slashes. Returns the safe name and whether it changed,
 * so an archive that tried to escape is recorded as such.
 */
export function safeMemberName(raw: string): { name: string; changed: boolean } {
  const parts = raw
    .replace(/\\/g, '/')
    .replace(/^[a-zA-Z]:/, '')
    .split('/')
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map((part) => Array.from(part, (ch) => (ch.charCodeAt(0) < 0x20 ? '_' : ch)).join(''));
  const name = parts.join('/') || 'unnamed';
  const normalisedRaw = raw.replace(/\\/g, '/').replace(/\/+$/, '');
  return { name, changed: name !== normalisedRaw };
}
