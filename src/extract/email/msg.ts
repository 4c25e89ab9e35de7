import fs from 'node:fs';
import MsgReaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import type { Metadata } from '../../domain/document.js';
import type { ChildFile, ExtractionResult } from '../../domain/extraction.js';
import type { ExtractContext } from '../context.js';
import { htmlToText } from '../html/html.js';

// The package is CommonJS with a default export; under NodeNext it arrives wrapped once more.
interface MsgReaderLike {
  getFileData(): FieldsData;
  getAttachment(attachment: FieldsData): { fileName: string; content: Uint8Array };
}
const MsgReader = ((MsgReaderModule as unknown as { default?: unknown }).default ?? MsgReaderModule) as new (buffer: ArrayBuffer) => MsgReaderLike;

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An Outlook .msg message: headers as metadata, body as text, attachments as children. */
export async function extractMsg(ctx: ExtractContext): Promise<ExtractionResult> {
  const mime = 'application/vnd.ms-outlook';
  let reader: MsgReaderLike;
  let data: FieldsData;
  try {
    const bytes = fs.readFileSync(ctx.file);
    reader = new MsgReader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    data = reader.getFileData();
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the Outlook message could not be parsed: ${(error as Error).message}` };
  }
  if (data.error) return { ok: false, mime, reason: 'corrupt', message: `the Outlook message could not be parsed: ${data.error}` };
  const metadata: Metadata = {};
  const sender = data.senderSmtpAddress ?? data.senderEmail;
  if (data.senderName || sender) metadata.from = data.senderName && sender ? `${data.senderName} <${sender}>` : (data.senderName ?? sender ?? '');
  for (const kind of ['to', 'cc', 'bcc'] as const) {
    const list = (data.recipients ?? []).filter((r) => (r.recipType ?? 'to') === kind).map((r) => (r.name && (r.smtpAddress ?? r.email) ? `${r.name} <${r.smtpAddress ?? r.email}>` : (r.name ?? r.smtpAddress ?? r.email ?? '')));
    if (list.length) metadata[kind] = list;
  }
  if (data.subject) metadata.subject = data.subject;
  const date = isoDate(data.clientSubmitTime) ?? isoDate(data.messageDeliveryTime) ?? isoDate(data.creationTime);
  if (date) metadata.date = date;
  if (data.messageId) metadata.messageId = data.messageId;
  let text = data.body ?? '';
  if (text.trim() === '' && data.bodyHtml) text = htmlToText(data.bodyHtml).text;
  const children: ChildFile[] = [];
  for (const [index, attachment] of (data.attachments ?? []).entries()) {
    try {
      const file = reader.getAttachment(attachment);
      const name = (file.fileName || attachment.fileName || attachment.name || `attachment-${index + 1}`).replace(/[\\/]+/g, '_');
      children.push(await ctx.storeChild(attachment.innerMsgContent && !/\.msg$/i.test(name) ? `${name}.msg` : name, file.content));
    } catch (error) {
      children.push({ name: `attachment-${index + 1}`, sha256: null, size: 0, failure: { reason: 'corrupt', message: `the attachment could not be read: ${(error as Error).message}` } });
    }
  }
  if (children.length) metadata.attachments = children.map((c) => c.name);
  return { ok: true, extraction: { mime, title: data.subject?.trim() || null, pages: [{ page: 1, text: text.trim() }], metadata, children, needsOcr: false } };
}
