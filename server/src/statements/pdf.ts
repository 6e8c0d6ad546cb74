import { chineseDate, chineseDocument, verificationQr } from '../platform/pdf';
import { COURSE_CATEGORIES } from '../reference/vocabulary';
import type { StatementView } from './schemas';

export const ISSUER = '重庆知识产权人才培训平台';
export const NO_RECORDS = '本年度暂无学时记录';
export const NO_RULE = '该年度未设置学时要求';

const RED = '#9b1c1c';
const INK = '#222';
const GREY = '#666';
const LINE = '#bbb';
const HEADER_FILL = '#f3efe6';

const MARGIN = 56;
/** Room kept at the foot of every page for its page number. */
const FOOT = 36;

/** The record table's columns, left to right; 内容 takes what the others leave. */
const COLUMNS = [
  { key: 'no', label: '序号', width: 32, align: 'center' },
  { key: 'date', label: '日期', width: 74, align: 'center' },
  { key: 'title', label: '内容', width: 0, align: 'left' },
  { key: 'category', label: '类别', width: 66, align: 'center' },
  { key: 'hours', label: '学时', width: 52, align: 'right' },
] as const;
const CELL_PAD = 5;
const HEADER_HEIGHT = 22;
const MIN_ROW = 20;

/** 32 → "32", 12.5 → "12.5", float noise from sums of halves never shows. */
export function hoursText(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/**
 * A printable A4 portrait statement of one practitioner's year: the holder, every record in a table
 * that flows onto further pages with its header repeated, the totals against the year's rule, 达标 or
 * not, and the verification code with a QR code that opens the public verification page.
 */
export async function renderStatementPdf(s: StatementView): Promise<Buffer> {
  const qr = await verificationQr(s.verifyUrl);
  const { doc, done } = chineseDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `继续教育学时证明 ${s.year} ${s.code}`, Author: ISSUER },
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOT;
  const titleWidth = width - COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const columnWidth = (c: (typeof COLUMNS)[number]) => (c.key === 'title' ? titleWidth : c.width);

  // ---- the first page's heading and the holder --------------------------------------------
  doc.rect(left, 40, width, 3).fill(RED);
  doc.font('bold').fontSize(24).fillColor(RED).text('继续教育学时证明', left, 62, { width, align: 'center', characterSpacing: 4 });
  doc.font('regular').fontSize(10.5).fillColor(GREY).text(`知识产权专业技术人员继续教育 · ${s.year} 年度`, left, 100, { width, align: 'center' });

  let y = 134;
  const field = (label: string, value: string, x: number, w: number) => {
    doc.font('bold').fontSize(10.5).fillColor(INK).text(label, x, y, { width: 64, lineBreak: false });
    doc.font('regular').fontSize(10.5).fillColor(INK).text(value, x + 64, y, { width: w - 64 });
    return doc.heightOfString(value, { width: w - 64 });
  };
  const half = width / 2;
  y += Math.max(field('姓　　名', s.holderName, left, half), field('身份证号', s.idNumberMasked ?? '—', left + half, half)) + 8;
  y += field('工作单位', s.orgName, left, width) + 8;
  y += Math.max(field('所属区县', s.districtName, left, half), field('统计年度', `${s.year} 年 1 月 1 日至 12 月 31 日`, left + half, half)) + 14;
  doc.font('regular').fontSize(10.5).fillColor(INK).text(`兹证明上述人员 ${s.year} 年度继续教育学时记录如下：`, left, y, { width });
  y += 24;

  // ---- the table ---------------------------------------------------------------------------
  const continuationHeading = () => {
    doc.font('regular').fontSize(9).fillColor(GREY).text(`继续教育学时证明（续） · ${s.holderName} · ${s.year} 年度 · 验证编号 ${s.code}`, left, MARGIN - 18, { width, lineBreak: false });
    y = MARGIN + 4;
  };
  const newPage = () => {
    doc.addPage();
    continuationHeading();
  };
  const tableHeader = () => {
    doc.rect(left, y, width, HEADER_HEIGHT).fill(HEADER_FILL);
    let x = left;
    doc.font('bold').fontSize(10).fillColor(INK);
    for (const c of COLUMNS) {
      doc.text(c.label, x + CELL_PAD, y + 5, { width: columnWidth(c) - 2 * CELL_PAD, align: 'center', lineBreak: false });
      x += columnWidth(c);
    }
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.8).stroke(INK);
    doc.moveTo(left, y + HEADER_HEIGHT).lineTo(left + width, y + HEADER_HEIGHT).lineWidth(0.6).stroke(INK);
    y += HEADER_HEIGHT;
  };
  const rowLine = () => doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.4).stroke(LINE);

  tableHeader();
  doc.font('regular').fontSize(9.5);
  if (s.records.length === 0) {
    doc.font('regular').fontSize(10).fillColor(GREY).text(NO_RECORDS, left, y + 8, { width, align: 'center' });
    y += 30;
    rowLine();
  }
  s.records.forEach((r, i) => {
    const cells: Record<(typeof COLUMNS)[number]['key'], string> = {
      no: String(i + 1),
      date: r.date,
      title: r.title,
      category: COURSE_CATEGORIES.labels[r.category] ?? r.category,
      hours: hoursText(r.hours),
    };
    doc.font('regular').fontSize(9.5);
    const height = Math.max(MIN_ROW, doc.heightOfString(cells.title, { width: titleWidth - 2 * CELL_PAD }) + 2 * CELL_PAD);
    if (y + height > bottom()) {
      newPage();
      tableHeader();
      doc.font('regular').fontSize(9.5);
    }
    let x = left;
    for (const c of COLUMNS) {
      doc.fillColor(INK).text(cells[c.key], x + CELL_PAD, y + CELL_PAD, { width: columnWidth(c) - 2 * CELL_PAD, align: c.align, ...(c.key === 'title' ? {} : { lineBreak: false }) });
      x += columnWidth(c);
    }
    y += height;
    rowLine();
  });
  // the total under the hours column
  if (y + MIN_ROW + 4 > bottom()) {
    newPage();
    tableHeader();
  }
  doc.font('bold').fontSize(10).fillColor(INK).text('合计', left + CELL_PAD, y + CELL_PAD, { width: width - COLUMNS[4].width - 2 * CELL_PAD, align: 'right', lineBreak: false });
  doc.text(hoursText(s.totalHours), left + width - COLUMNS[4].width + CELL_PAD, y + CELL_PAD, { width: COLUMNS[4].width - 2 * CELL_PAD, align: 'right', lineBreak: false });
  y += MIN_ROW + 2;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.8).stroke(INK);
  y += 16;

  // ---- totals against the rule, and who issued it: kept together on one page -------------------
  const lines: { label: string; text: string; color?: string; bold?: boolean }[] = [
    { label: '学时合计', text: `共 ${hoursText(s.totalHours)} 学时，其中专业科目 ${hoursText(s.professionalHours)} 学时、公需科目 ${hoursText(s.publicHours)} 学时。` },
    s.rule
      ? { label: '年度要求', text: `总学时不少于 ${hoursText(s.rule.requiredHours)} 学时，其中专业科目不少于 ${hoursText(s.rule.minProfessionalHours)} 学时${s.rule.isDefault ? '（默认要求）' : ''}。` }
      : { label: '年度要求', text: `${NO_RULE}。` },
    s.compliant
      ? { label: '达标情况', text: '达标', color: '#166534', bold: true }
      : {
          label: '达标情况',
          text: s.rule
            ? `未达标（尚缺 ${hoursText(s.missingHours ?? 0)} 学时${s.missingProfessionalHours ? `，其中专业科目尚缺 ${hoursText(s.missingProfessionalHours)} 学时` : ''}）`
            : '未达标（该年度无学时要求可对照）',
          color: RED,
          bold: true,
        },
  ];
  if (s.records.length === 0) lines.push({ label: '说　　明', text: `${NO_RECORDS}。` });
  const summaryHeight = lines.reduce((sum, l) => sum + doc.font(l.bold ? 'bold' : 'regular').fontSize(10.5).heightOfString(l.text, { width: width - 70 }) + 6, 0);
  // the totals stay under the table when they fit; the issuer and the QR code go to the page's foot
  if (y + summaryHeight > bottom()) newPage();
  for (const l of lines) {
    doc.font('bold').fontSize(10.5).fillColor(INK).text(`${l.label}：`, left, y, { width: 70, lineBreak: false });
    doc.font(l.bold ? 'bold' : 'regular').fontSize(10.5).fillColor(l.color ?? INK).text(l.text, left + 70, y, { width: width - 70 });
    y += doc.heightOfString(l.text, { width: width - 70 }) + 6;
  }
  const FOOTER_HEIGHT = 122;
  if (y + 18 + FOOTER_HEIGHT > bottom()) newPage();
  y = Math.max(y + 18, bottom() - FOOTER_HEIGHT);
  const qrSize = 92;
  const qrX = left + width - qrSize;
  doc.image(qr, qrX, y, { width: qrSize, height: qrSize });
  doc.font('regular').fontSize(8.5).fillColor(GREY).text('扫码验证真伪', qrX - 10, y + qrSize + 4, { width: qrSize + 20, align: 'center', lineBreak: false });
  const textWidth = width - qrSize - 20;
  doc.font('bold').fontSize(11).fillColor(INK).text(`出具单位：${ISSUER}`, left, y + 4, { width: textWidth });
  doc.font('regular').fontSize(10.5).text(`出具日期：${chineseDate(s.issuedAt)}`, left, y + 26, { width: textWidth });
  doc.text(`验证编号 ${s.code}`, left, y + 46, { width: textWidth });
  // for whoever cannot scan: the same link the QR code holds
  doc.fontSize(8.5).fillColor(GREY).text(`验证网址：${s.verifyUrl}`, left, y + 68, { width: textWidth });
  doc.text('本证明依据平台登记的学时记录出具，可扫描二维码或访问验证网址核验。', left, y + 82, { width: textWidth });

  // ---- page numbers, once the number of pages is known ---------------------------------------
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // below the bottom margin: writing there must not start another page
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8.5).fillColor(GREY).text(`第 ${i + 1} 页 / 共 ${range.count} 页`, left, doc.page.height - MARGIN + 8, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
