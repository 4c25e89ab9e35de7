import fs from 'node:fs';
import type { Metadata } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import { ExpansionBudget, type UnpackContext } from './unpack-context.js';

/**
 * Split an mbox into its messages, each stored as its own RFC 822 file. A message starts at a
 * "From " line that opens the file or follows a blank line; ">From " quoting (mboxrd) is undone.
 * Reads the mailbox in chunks, so memory holds one message at a time.
 */
export async function splitMbox(ctx: UnpackContext): Promise<ExtractionResult> {
  const mime = 'application/mbox';
  const budget = new ExpansionBudget(ctx.limits, ctx.size);
  let lines: Buffer[] = [];
  let messageBytes = 0;
  let tooLarge = false;
  let envelope = '';
  let previousBlank = true;
  let count = 0;

  const flush = async () => {
    if (lines.length === 0 && !tooLarge) return;
    count++;
    const name = `message-${String(count).padStart(6, '0')}.eml`;
    const metadata: Metadata = envelope ? { envelope } : {};
    if (!budget.admit()) return;
    if (tooLarge) budget.fail(name, 'too_large', `the message is larger than ${ctx.limits.maxFileBytes} bytes`, metadata);
    else {
      const stored = await ctx.blobs.putBuffer(Buffer.concat(lines));
      budget.add({ name, sha256: stored.sha256, size: stored.size, metadata });
    }
    lines = [];
    messageBytes = 0;
    tooLarge = false;
  };

  let rest = Buffer.alloc(0);
  const handleLine = async (line: Buffer) => {
    const isFrom = line.subarray(0, 5).toString('latin1') === 'From ';
    if (isFrom && previousBlank) {
      await flush();
      envelope = line.toString('utf8').trim().slice(5);
      previousBlank = false;
      return;
    }
    previousBlank = line.length === 0 || (line.length === 1 && line[0] === 0x0d) || (line.length === 2 && line[0] === 0x0d);
    let content = line;
    if (/^>+From /.test(line.subarray(0, 64).toString('latin1'))) content = line.subarray(1);
    messageBytes += content.length + 1;
    if (messageBytes > ctx.limits.maxFileBytes) {
      tooLarge = true;
      lines = [];
      return;
    }
    if (!tooLarge) lines.push(content, Buffer.from('\n'));
  };

  for await (const chunk of fs.createReadStream(ctx.file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, start)) {
      await handleLine(data.subarray(start, data[i - 1] === 0x0d ? i - 1 : i));
      start = i + 1;
    }
    rest = Buffer.from(data.subarray(start));
    data = Buffer.alloc(0);
  }
  if (rest.length) await handleLine(rest);
  // The blank line before the next "From " belongs to the separator, not the message.
  await flush();
  const metadata: Metadata = { messages: count };
  if (budget.stopped) metadata.warning = budget.stopped.message;
  return { ok: true, extraction: { mime, title: null, pages: [], metadata, children: budget.children, needsOcr: false } };
}
