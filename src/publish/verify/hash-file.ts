import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** SHA-256 of a file, streamed (memory stays flat for a 2 GiB file). */
export async function sha256OfFile(file: string): Promise<string> {
  return sha256OfStream(fs.createReadStream(file));
}

/** The SHA-256 of a stream's bytes (a stored blob, opened through the blob store). */
export async function sha256OfStream(stream: AsyncIterable<unknown>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
