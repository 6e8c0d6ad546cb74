import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Context } from 'koa';
import { attachment } from './http/attachment';

/**
 * A cell a spreadsheet will never execute: text starting with = + - @ (or tab/CR, which some programs
 * strip first) is prefixed with an apostrophe, the usual defence against formula injection.
 */
export function safeCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function sheetWith(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: unknown[][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safeCell));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(headers[i].length * 2, ...rows.map((r) => String(r[i] ?? '').length * 1.6));
    column.width = Math.min(40, Math.max(8, Math.ceil(longest)));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

/** Content types of the files the API sends. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

export async function sendWorkbook(ctx: Context, workbook: ExcelJS.Workbook, filename: string): Promise<void> {
  ctx.set('Content-Type', XLSX_TYPE);
  ctx.set('Content-Disposition', attachment('download.xlsx', filename));
  ctx.status = 200;
  ctx.body = Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Streams a table as .xlsx or as CSV (with a BOM, for Excel) batch by batch, so a 100,000-row export
 * never sits in memory whole. `toRow` gives a row's cells; they are made safe here.
 */
export function streamTable<T>(format: 'xlsx' | 'csv', sheetName: string, headers: string[], batches: AsyncIterable<T[]>, toRow: (item: T) => unknown[]): Readable {
  const out = new PassThrough();
  const fail = (err: unknown) => out.destroy(err as Error);
  const cells = (item: T) => toRow(item).map(safeCell);
  if (format === 'csv') {
    const csv = stringify({ bom: true });
    csv.pipe(out);
    (async () => {
      csv.write(headers);
      for await (const batch of batches) for (const item of batch) csv.write(cells(item));
      csv.end();
    })().catch(fail);
    return out;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = headers.map((header) => ({ header, width: Math.max(10, header.length * 2 + 2) }));
  (async () => {
    for await (const batch of batches) for (const item of batch) sheet.addRow(cells(item)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch(fail);
  return out;
}
