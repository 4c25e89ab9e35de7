import fs from 'node:fs';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Metadata } from '../../domain/document.js';
import type { ChildFile, ExtractionResult } from '../../domain/extraction.js';
import type { ExtractContext } from '../context.js';
import { htmlToText } from '../html/html.js';

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : v.address ?? '')).filter(Boolean));
}

function headerMetadata(mail: ParsedMail): Metadata {
  const metadata: Metadata = {};
  const from = addresses(mail.from);
  if (from.length) metadata.from = from.join(', ');
  for (const [key, value] of [['to', mail.to], ['cc', mail.cc], ['bcc', mail.bcc], ['replyTo', mail.replyTo]] as const) {
    const list = addresses(value);
    if (list.length) metadata[key] = list;
  }
  if (mail.subject) metadata.subject = mail.subject;
  if (mail.date && !Number.isNaN(mail.date.getTime())) metadata.date = mail.date.toISOString();
  if (mail.messageId) metadata.messageId = mail.messageId;
  if (mail.inReplyTo) metadata.inReplyTo = mail.inReplyTo;
  if (mail.references) metadata.references = Array.isArray(mail.references) ? mail.references : [mail.references];
  const mailer = mail.headers.get('x-mailer') ?? mail.headers.get('user-agent');
  if (typeof mailer === 'string') metadata.mailer = mailer;
  const received = mail.headers.get('received');
  if (received) metadata.receivedHops = Array.isArray(received) ? received.length : 1;
  return metadata;
}

/** Name an attachment safely; unnamed parts get a name from their position and type. */
function attachmentName(filename: string | undefined, index: number, contentType: string): string {
  const clean = (filename ?? '').replace(/[\\/]+/g, '_').replace(/^\.+/, '').trim();
  if (clean) return clean;
  const ext = contentType === 'message/rfc822' ? '.eml' : contentType.startsWith('text/') ? '.txt' : '';
  return `attachment-${index + 1}${ext}`;
}

/**
 * Bytes of the mbox "From sender date" line a single saved message may open with: not a header,
 * so the parser starts after it.
 */
function envelopeLength(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, 5).toString('latin1') !== 'From ') return 0;
    const end = head.subarray(0, read).indexOf(0x0a);
    return end < 0 ? 0 : end + 1;
  } finally {
    fs.closeSync(fd);
  }
}

/** Parse an RFC 822 message: headers as metadata, the body as text, attachments as children. */
export async function extractEmail(ctx: ExtractContext): Promise<ExtractionResult> {
  const mime = 'message/rfc822';
  let mail: ParsedMail;
  try {
    mail = await simpleParser(fs.createReadStream(ctx.file, { start: envelopeLength(ctx.file) }), { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: ctx.maxEntryBytes });
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the message could not be parsed: ${(error as Error).message}` };
  }
  const metadata = headerMetadata(mail);
  let text = mail.text ?? '';
  if (text.trim() === '' && typeof mail.html === 'string') text = htmlToText(mail.html).text;
  const children: ChildFile[] = [];
  for (const [index, attachment] of mail.attachments.entries()) {
    const name = attachmentName(attachment.filename, index, attachment.contentType);
    const extra: Metadata = { contentType: attachment.contentType };
    if (attachment.contentDisposition) extra.disposition = attachment.contentDisposition;
    if (attachment.contentId) extra.contentId = attachment.contentId;
    children.push(await ctx.storeChild(name, attachment.content, extra));
  }
  if (children.length) metadata.attachments = children.map((c) => c.name);
  const title = mail.subject?.trim() || null;
  return { ok: true, extraction: { mime, title, pages: [{ page: 1, text: text.trim() }], metadata, children, needsOcr: false } };
}
