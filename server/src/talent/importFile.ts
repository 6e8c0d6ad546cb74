import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ValidationError } from '../platform/errors';
import { openXlsx } from '../platform/xlsxReader';

export interface SheetRow {
  /** The row number a person sees in the spreadsheet (the header is row 1). */
  row: number;
  cells: string[];
}

/** An uploaded spreadsheet, read as a stream of rows; nothing but one chunk of it sits in memory. */
export interface Sheet {
  /** Every non-empty row in order, the header (row 1) included. Can be read more than once. */
  rows(): AsyncGenerator<SheetRow>;
  close(): void;
}

const UNREADABLE_XLSX = () => new ValidationError([{ path: 'file', message: '无法读取该 Excel 文件，请另存为 .xlsx 后重试' }], '文件无法读取');
const NOT_SUPPORTED = () => new ValidationError([{ path: 'file', message: '只支持 .xlsx 或 .csv 文件' }], '文件类型不支持');

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(n), 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function openXlsxSheet(file: string): Promise<Sheet> {
  let workbook;
  try {
    workbook = await openXlsx(file);
  } catch {
    throw UNREADABLE_XLSX();
  }
  const book = workbook;
  return {
    async *rows() {
      const rows = book.rows(0); // the first sheet holds the data; others (like the template's help sheet) are ignored
      while (true) {
        let next: IteratorResult<SheetRow>;
        try {
          next = await rows.next();
        } catch {
          throw UNREADABLE_XLSX();
        }
        if (next.done) return;
        if (next.value.cells.some((c) => c !== '')) yield next.value;
      }
    },
    close: () => book.close(),
  };
}

/**
 * UTF-8 when the whole file is valid UTF-8; otherwise GB18030, which is what Excel on a Chinese
 * Windows writes when it saves "CSV". Decided by one pass over the file before any row is read.
 */
async function csvEncoding(file: string): Promise<'utf-8' | 'gb18030'> {
  const check = new TextDecoder('utf-8', { fatal: true });
  let utf8 = true;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    if (chunk.includes(0)) throw NOT_SUPPORTED();
    if (utf8) {
      try {
        check.decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
    }
  }
  if (utf8) {
    try {
      check.decode();
    } catch {
      utf8 = false;
    }
  }
  return utf8 ? 'utf-8' : 'gb18030';
}

/** The file's text, chunk by chunk, through one streaming decoder (a character split between chunks stays whole). */
async function* decoded(file: string, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding); // a UTF-8 byte-order mark is dropped
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function openCsvSheet(file: string): Promise<Sheet> {
  const encoding = await csvEncoding(file);
  return {
    async *rows() {
      const parser = Readable.from(decoded(file, encoding)).pipe(parse({ relax_column_count: true, skip_empty_lines: false, trim: true }));
      let row = 0;
      try {
        for await (const cells of parser as AsyncIterable<string[]>) {
          row++;
          if (row === 1 || cells.some((c) => c !== '')) yield { row, cells };
        }
      } catch (err) {
        throw new ValidationError([{ path: 'file', message: `CSV 格式有误：${(err as Error).message}` }], '文件无法读取');
      } finally {
        parser.destroy();
      }
    },
    close: () => undefined,
  };
}

/** Opens an uploaded .xlsx or .csv (a file on disk), told apart by content, not by name. */
export async function openSheet(file: { path: string; size: number } | undefined, filename: string): Promise<Sheet> {
  if (!file || file.size === 0) throw new ValidationError([{ path: 'file', message: '请上传 .xlsx 或 .csv 文件' }], '文件为空');
  const head = await firstBytes(file.path, 8);
  if (isZip(head)) return openXlsxSheet(file.path);
  if (/\.xlsx?$/i.test(filename) || head.equals(OLE)) {
    throw new ValidationError([{ path: 'file', message: '只支持 .xlsx（Excel 2007 及以上）或 .csv 文件' }], '文件类型不支持');
  }
  return openCsvSheet(file.path);
}
