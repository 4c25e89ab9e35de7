import fs from 'node:fs';
import type * as SheetJS from '@e965/xlsx';
import type { Metadata, Page } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';

let loaded: Promise<typeof SheetJS> | null = null;

/**
 * SheetJS and its code-page tables take ~0.5 s to load: only when a workbook comes, never in the
 * main process or a CLI command that reads none. Old workbooks (BIFF5, dBase) name their code
 * page (936 GBK, 950 Big5 …), which SheetJS decodes only with the tables loaded.
 */
function sheetJs(): Promise<typeof SheetJS> {
  loaded ??= Promise.all([import('@e965/xlsx'), import('@e965/xlsx/dist/cpexcel')]).then(([xlsx, cptable]) => {
    xlsx.set_cptable(cptable);
    return xlsx;
  });
  return loaded;
}

/** Largest workbook read whole into memory: SheetJS parses from a buffer. */
const MAX_WORKBOOK_BYTES = 256 * 1024 * 1024;

/** A cell's text as the sheet shows it: the formatted value, the cached result for formulas. */
function cellText(cell: SheetJS.CellObject): string {
  if (cell.t === 'z' || cell.v === undefined || cell.v === null) return '';
  if (cell.w !== undefined) return cell.w;
  if (cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  return String(cell.v);
}

/** One sheet as text: a line per row, cells separated by tabs, empty rows dropped. */
function sheetText(XLSX: typeof SheetJS, sheet: SheetJS.WorkSheet): string {
  const ref = sheet['!ref'];
  if (!ref) return '';
  const range = XLSX.utils.decode_range(ref);
  const lines: string[] = [];
  const dense = (sheet as { '!data'?: (SheetJS.CellObject | undefined)[][] })['!data'];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const cells: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const cell = dense ? dense[r]?.[c] : (sheet[XLSX.utils.encode_cell({ r, c })] as SheetJS.CellObject | undefined);
      cells.push(cell ? cellText(cell).replace(/[\t\r\n]+/g, ' ') : '');
    }
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length) lines.push(cells.join('\t'));
  }
  return lines.join('\n');
}

/** Writers that leave a date unset store zero, which reads as 1601 (FILETIME) or 1899 (Excel). */
function realDate(date: Date | undefined): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime()) && date.getUTCFullYear() > 1900;
}

function failure(mime: string, error: unknown): ExtractionResult {
  const message = (error as Error).message ?? String(error);
  if (/password|encrypt/i.test(message)) return { ok: false, mime, reason: 'encrypted', message: 'the workbook is password-protected' };
  if (/unsupported|not supported/i.test(message)) return { ok: false, mime, reason: 'unsupported', message: `this workbook variant is not read: ${message}` };
  return { ok: false, mime, reason: 'corrupt', message: `the workbook could not be parsed: ${message}` };
}

/**
 * Legacy Excel (BIFF2–8 .xls), Excel binary (.xlsb) and dBase tables through SheetJS: every sheet
 * one page (cells by row, formulas by their cached value), hidden sheets named in the metadata.
 */
export async function extractSpreadsheet(file: string, mime: string, size: number): Promise<ExtractionResult> {
  if (size > MAX_WORKBOOK_BYTES) return { ok: false, mime, reason: 'too_large', message: `workbooks over ${MAX_WORKBOOK_BYTES} bytes are not read whole` };
  const XLSX = await sheetJs();
  let workbook: SheetJS.WorkBook;
  try {
    workbook = XLSX.read(fs.readFileSync(file), { type: 'buffer', dense: true, cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, WTF: false });
  } catch (error) {
    return failure(mime, error);
  }
  const pages: Page[] = [];
  const hidden: string[] = [];
  const sheetsMeta = workbook.Workbook?.Sheets ?? [];
  workbook.SheetNames.forEach((name, i) => {
    const sheet = workbook.Sheets[name];
    const state = sheetsMeta[i]?.Hidden ?? 0;
    if (state) hidden.push(name);
    // The sheet's name heads its page, so a search for it lands on the sheet.
    const text = sheet ? sheetText(XLSX, sheet) : '';
    pages.push({ page: i + 1, text: mime === 'application/x-dbf' ? text : text ? `${name}\n${text}` : name });
  });
  const metadata: Metadata = mime === 'application/x-dbf' ? {} : { sheets: workbook.SheetNames };
  if (hidden.length) metadata.hiddenSheets = hidden;
  const props = workbook.Props;
  if (props?.Author) metadata.author = props.Author;
  if (props?.LastAuthor) metadata.lastAuthor = props.LastAuthor;
  if (props?.Company) metadata.company = props.Company;
  if (realDate(props?.CreatedDate)) metadata.created = props!.CreatedDate!.toISOString();
  if (realDate(props?.ModifiedDate)) metadata.modified = props!.ModifiedDate!.toISOString();
  const title = props?.Title?.trim() || null;
  return { ok: true, extraction: { mime, title, pages, metadata, children: [], needsOcr: false } };
}
