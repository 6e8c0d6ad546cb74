import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { shanghaiDate } from './time';

/** PDF's built-in fonts have no Chinese glyphs: Noto Sans SC ships with the server (npm package). */
const FONT_DIR = require.resolve('@expo-google-fonts/noto-sans-sc/package.json').replace(/package\.json$/, '');
const REGULAR = `${FONT_DIR}400Regular/NotoSansSC_400Regular.ttf`;
const BOLD = `${FONT_DIR}700Bold/NotoSansSC_700Bold.ttf`;

/** Read once: an export renders thousands of statements, and reading 20 MB of fonts each time doubled the cost. */
let fontFiles: { regular: Buffer; bold: Buffer } | null = null;
const fonts = () => (fontFiles ??= { regular: fs.readFileSync(REGULAR), bold: fs.readFileSync(BOLD) });

/**
 * A PDF document in Chinese (the fonts registered as `regular` and `bold`) and its bytes once
 * `doc.end()` has been called: the certificates' and the statements' common start.
 */
export function chineseDocument(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const { regular, bold } = fonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** The QR code image of a verification address, as certificates and statements print it. */
export const verificationQr = (url: string): Promise<Buffer> => QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 300 });

/** 2026 年 3 月 2 日, the day in Chongqing. */
export function chineseDate(instant: Date): string {
  const [y, m, d] = shanghaiDate(instant).split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}
