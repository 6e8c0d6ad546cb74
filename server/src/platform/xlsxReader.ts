import path from 'node:path';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

/**
 * A small streaming .xlsx reader: the rows of one worksheet as text, read from a file on disk.
 *
 * Why our own: exceljs's streaming reader decodes every decompressed chunk separately, so a
 * multi-byte UTF-8 character split across two chunks comes out as two U+FFFD (exceljs issues #2063,
 * #2084, #2316) — Chinese text was stored broken. Here bytes go through one streaming decoder per
 * part, which carries an incomplete character over to the next chunk.
 *
 * The zip is read by its central directory (yauzl), so the workbook, its relationships and the shared
 * strings are read first whatever order the entries are stored in, and the worksheet is then streamed
 * row by row: memory holds the shared strings and one chunk of the sheet, not the sheet.
 */

export class XlsxError extends Error {}

/** The parts larger than this are refused rather than held in memory (the shared strings table). */
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
/**
 * Declared sizes past these are refused before anything is inflated (a zip bomb): a 100,000-row sheet
 * is about 50 MB of XML; the workbook and its relationships are a few KB. yauzl checks that an entry
 * inflates to no more than it declares, so the declaration can be trusted.
 */
const MAX_SHEET_BYTES = 1024 * 1024 * 1024;
const MAX_SMALL_PART_BYTES = 16 * 1024 * 1024;

export interface XlsxRow {
  /** The row number shown in Excel (1 for the first row). */
  row: number;
  /** Cell texts by column (A = 0); cells missing from the file are ''. */
  cells: string[];
}

export interface XlsxWorkbook {
  /** Sheet names in workbook order (the order of the tabs). */
  sheetNames: string[];
  /** The rows of a sheet (the first by default) in file order; can be called more than once. */
  rows(sheet?: number): AsyncGenerator<XlsxRow>;
  close(): void;
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** A tag's attribute by its local name (`id` finds `r:id`). */
type Attribute = (name: string) => string | undefined;
function attributeOf(attributes: Record<string, string>): Attribute {
  return (name) => {
    const value = attributes[name];
    if (value !== undefined) return value;
    for (const key in attributes) if (localName(key) === name) return attributes[key];
    return undefined;
  };
}

/** `_x000D_` and friends: how OOXML writes characters XML cannot hold (ST_Xstring). */
const unescapeOoxml = (text: string) => (text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

/** "B12" → 1 (the column index); -1 when there is no column part. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === 0 ? -1 : col - 1;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/\\/g, '/').replace(/^\//, ''), entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/**
 * The decoded text of a part, chunk by chunk: one decoder for the whole part, so a character split
 * between two chunks is decoded whole. UTF-8 unless a byte-order mark says UTF-16 (which OPC allows).
 */
async function* partText(stream: Readable): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!decoder) {
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : chunk[0] === 0x3c && chunk[1] === 0 ? 'utf-16le' : null;
      decoder = new TextDecoder(utf16 ?? 'utf-8', { fatal: true });
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

type Handlers = {
  open(name: string, attribute: Attribute): void;
  close(name: string): void;
  text(text: string): void;
};

/** Feeds a part through saxes; after each chunk, `drain` hands over what the handlers collected. */
async function* parsePart<T>(stream: Readable, handlers: Handlers, drain: () => T[]): AsyncGenerator<T[]> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | undefined;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), attributeOf(tag.attributes as Record<string, string>)));
  parser.on('closetag', (tag) => handlers.close(localName(tag.name)));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  for await (const text of partText(stream)) {
    parser.write(text);
    if (failure) throw new XlsxError(`XML: ${failure.message}`);
    const items = drain();
    if (items.length) yield items;
  }
  parser.close();
  if (failure) throw new XlsxError(`XML: ${failure.message}`);
  const items = drain();
  if (items.length) yield items;
}

/** Runs a part through its handlers, which collect what they need themselves. */
async function consume(parts: AsyncGenerator<unknown>): Promise<void> {
  for (let next = await parts.next(); !next.done; next = await parts.next());
}

/** The string table: plain `<t>` and rich text runs joined; phonetic guides (`<rPh>`) left out. */
async function readSharedStrings(stream: Readable): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let inT = false;
  let inPhonetic = false;
  const handlers: Handlers = {
    open(name) {
      if (name === 't') inT = !inPhonetic;
      else if (name === 'si') text = '';
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(unescapeOoxml(text));
    },
    text(t) {
      if (inT) text += t;
    },
  };
  await consume(parsePart(stream, handlers, () => []));
  return strings;
}

/** A worksheet's rows as text: shared, inline and formula strings, numbers, booleans, errors. */
function sheetHandlers(shared: readonly string[]) {
  const out: XlsxRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let inRow = false;
  let col = 0;
  let nextCol = 0;
  let type = 'n';
  let value = '';
  let capture = false; // inside <v>, or a <t> of an inline string (outside phonetic runs)
  let inInline = false;
  let inPhonetic = false;
  let done = false;
  const handlers: Handlers = {
    open(name, attribute) {
      if (done) return;
      switch (name) {
        case 'row': {
          const r = attribute('r');
          rowNumber = r ? parseInt(r, 10) : rowNumber + 1;
          cells = [];
          nextCol = 0;
          inRow = true;
          break;
        }
        case 'c': {
          const r = attribute('r');
          const at = r ? columnOf(r) : -1;
          col = at >= 0 ? at : nextCol;
          type = attribute('t') ?? 'n';
          value = '';
          break;
        }
        case 'v':
          capture = !inInline;
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          capture = inInline && !inPhonetic;
          break;
      }
    },
    close(name) {
      if (done) return;
      switch (name) {
        case 'v':
        case 't':
          capture = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          let text: string;
          if (type === 's') text = shared[parseInt(value, 10)] ?? '';
          else if (type === 'b') text = value === '1' ? 'true' : value === '0' ? 'false' : value;
          else if (type === 'n') text = value === '' ? '' : String(Number(value));
          else text = unescapeOoxml(value); // inlineStr, str (a formula's text), e (#N/A), d (ISO date)
          if (inRow) cells[col] = text.trim();
          nextCol = col + 1;
          break;
        }
        case 'row':
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
          out.push({ row: rowNumber, cells });
          inRow = false;
          break;
        case 'sheetData':
          done = true; // what follows (merged cells, page setup…) is not data
          break;
      }
    },
    text(t) {
      if (capture) value += t;
    },
  };
  return { handlers, drain: () => out.splice(0, out.length) };
}

/** Opens an .xlsx file; errors (not a zip, parts missing, bad XML) are XlsxError or the zip library's. */
export async function openXlsx(file: string): Promise<XlsxWorkbook> {
  const zip = await openZip(file);
  try {
    const entries = await listEntries(zip);
    const byLowerName = new Map([...entries].map(([name, entry]) => [name.toLowerCase(), entry]));
    const entryOf = (name: string) => entries.get(name) ?? byLowerName.get(name.toLowerCase());
    const stream = (entry: yauzl.Entry) =>
      new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
    const readSmallPart = async (name: string, handlers: Handlers) => {
      const entry = entryOf(name);
      if (!entry) return false;
      if (entry.uncompressedSize > MAX_SMALL_PART_BYTES) throw new XlsxError(`${name} too large`);
      await consume(parsePart(await stream(entry), handlers, () => []));
      return true;
    };

    // The workbook's package relationship → xl/workbook.xml; its sheets in tab order; their targets.
    let workbookPath = 'xl/workbook.xml';
    await readSmallPart('_rels/.rels', {
      open(name, attribute) {
        if (name === 'Relationship' && /\/officeDocument$/.test(attribute('Type') ?? '')) workbookPath = (attribute('Target') ?? workbookPath).replace(/^\//, '');
      },
      close() {},
      text() {},
    });
    const sheets: { name: string; relId: string }[] = [];
    const found = await readSmallPart(workbookPath, {
      open(name, attribute) {
        if (name === 'sheet') sheets.push({ name: attribute('name') ?? '', relId: attribute('id') ?? '' });
      },
      close() {},
      text() {},
    });
    if (!found) throw new XlsxError('no workbook part');
    const dir = path.posix.dirname(workbookPath);
    const relsPath = path.posix.join(dir, '_rels', `${path.posix.basename(workbookPath)}.rels`);
    const targets = new Map<string, string>();
    let sharedStringsPath: string | undefined;
    await readSmallPart(relsPath, {
      open(name, attribute) {
        if (name !== 'Relationship') return;
        const target = attribute('Target') ?? '';
        const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(dir, target));
        targets.set(attribute('Id') ?? '', resolved);
        if (/\/sharedStrings$/.test(attribute('Type') ?? '')) sharedStringsPath = resolved;
      },
      close() {},
      text() {},
    });
    const sheetPaths = sheets.map((s, i) => targets.get(s.relId) ?? `${dir}/worksheets/sheet${i + 1}.xml`);
    if (sheetPaths.length === 0) throw new XlsxError('no worksheet');

    let shared: string[] = [];
    const sharedEntry = entryOf(sharedStringsPath ?? `${dir}/sharedStrings.xml`);
    if (sharedEntry) {
      if (sharedEntry.uncompressedSize > MAX_SHARED_STRINGS_BYTES) throw new XlsxError('shared strings too large');
      shared = await readSharedStrings(await stream(sharedEntry));
    }

    return {
      sheetNames: sheets.map((s) => s.name),
      async *rows(sheet = 0) {
        const entry = entryOf(sheetPaths[sheet] ?? '');
        if (!entry) throw new XlsxError(`worksheet ${sheet + 1} missing`);
        if (entry.uncompressedSize > MAX_SHEET_BYTES) throw new XlsxError(`worksheet ${sheet + 1} too large`);
        const input = await stream(entry);
        const { handlers, drain } = sheetHandlers(shared);
        try {
          for await (const rows of parsePart(input, handlers, drain)) yield* rows;
        } finally {
          input.destroy();
        }
      },
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}
