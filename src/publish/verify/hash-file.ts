import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 of a file, streamed (memory stays flat for a 2 GiB file). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
