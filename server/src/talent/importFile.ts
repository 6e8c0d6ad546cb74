import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ValidationError } from '../platform/errors';

export interface SheetRow {
  /** The row number a person sees in the spreadsheet (the header is row 1). */
  row: number;
  cells: string[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Cell values as text: rich text joined, formulas by their result, hyperlinks by their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.text !== undefined) return String(v.text).trim();
    if (v.result !== undefined) return cellText(v.result);
  }
  return String(value).trim();
}

/**
 * UTF-8 when it is valid UTF-8; otherwise GB18030, which is what Excel on a Chinese Windows writes
 * when it saves "CSV".
 */
function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

async function readXlsx(content: Buffer): Promise<Sheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  let headers: string[] = [];
  const rows: SheetRow[] = [];
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (row.number === 1) headers = values;
      else if (values.some((v) => v !== '')) rows.push({ row: row.number, cells: values });
    }
    break; // the first sheet holds the data; others (like the template's help sheet) are ignored
  }
  return { headers, rows };
}

function readCsv(content: Buffer): Sheet {
  let records: string[][];
  try {
    records = parse(decodeText(content), { relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (err) {
    throw new ValidationError([{ path: 'file', message: `CSV 格式有误：${(err as Error).message}` }], '文件无法读取');
  }
  const [headers = [], ...rest] = records;
  const rows = rest.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c !== ''));
  return { headers, rows };
}

/** Reads an uploaded .xlsx or .csv, told apart by content, not by name. */
export async function readSheet(content: Buffer | undefined, filename: string): Promise<Sheet> {
  if (!content || content.length === 0) throw new ValidationError([{ path: 'file', message: '请上传 .xlsx 或 .csv 文件' }], '文件为空');
  if (isZip(content)) {
    try {
      return await readXlsx(content);
    } catch {
      throw new ValidationError([{ path: 'file', message: '无法读取该 Excel 文件，请另存为 .xlsx 后重试' }], '文件无法读取');
    }
  }
  if (/\.xlsx?$/i.test(filename) || content.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new ValidationError([{ path: 'file', message: '只支持 .xlsx（Excel 2007 及以上）或 .csv 文件' }], '文件类型不支持');
  }
  if (content.includes(0)) throw new ValidationError([{ path: 'file', message: '只支持 .xlsx 或 .csv 文件' }], '文件类型不支持');
  return readCsv(content);
}
