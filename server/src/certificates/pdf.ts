import { chineseDate, chineseDocument, verificationQr } from '../platform/pdf';
import type { CertificateRow } from './models';
import { COURSE_CATEGORIES } from '../reference/vocabulary';

export type CertificateContent = Pick<CertificateRow, 'code' | 'holderName' | 'courseTitle' | 'classTitle' | 'hours' | 'category' | 'issuedAt'> & { verifyUrl: string };

/** A printable A4 landscape certificate with a QR code that opens the public verification page. */
export async function renderCertificatePdf(c: CertificateContent): Promise<Buffer> {
  const qr = await verificationQr(c.verifyUrl);
  const { doc, done } = chineseDocument({ size: 'A4', layout: 'landscape', margin: 0, info: { Title: `结业证书 ${c.code}`, Author: '重庆知识产权人才培训平台' } });

  const { width, height } = doc.page;
  doc.rect(24, 24, width - 48, height - 48).lineWidth(3).stroke('#9b1c1c');
  doc.rect(34, 34, width - 68, height - 68).lineWidth(1).stroke('#c9a227');

  doc.font('bold').fontSize(40).fillColor('#9b1c1c').text('结 业 证 书', 0, 80, { align: 'center', width });
  doc.font('regular').fontSize(13).fillColor('#555').text('知识产权专业技术人员继续教育', 0, 138, { align: 'center', width });

  const category = COURSE_CATEGORIES.labels[c.category];
  doc.font('bold').fontSize(26).fillColor('#111').text(c.holderName, 0, 190, { align: 'center', width });
  doc
    .font('regular')
    .fontSize(16)
    .fillColor('#222')
    .text(`参加「${c.classTitle}」，完成《${c.courseTitle}》课程学习，考核合格，准予结业。`, 110, 250, { width: width - 220, align: 'center', lineGap: 8 })
    .moveDown(0.8)
    .text(`获得继续教育学时 ${c.hours} 学时（${category}）。`, { width: width - 220, align: 'center' });

  doc.font('regular').fontSize(14).fillColor('#222').text('重庆知识产权人才培训平台', 110, height - 150, { width: 300 });
  doc.text(`发证日期：${chineseDate(c.issuedAt)}`, 110, height - 124, { width: 300 });
  // for whoever cannot scan: the same link the QR code holds
  doc.fontSize(9).fillColor('#555').text(`验证网址：${c.verifyUrl}`, 110, height - 98, { width: 420 });

  const qrSize = 96;
  doc.image(qr, width - 110 - qrSize, height - 175, { width: qrSize, height: qrSize });
  doc.fontSize(9).fillColor('#555').text(`证书编号 ${c.code}`, width - 110 - 160, height - 74, { width: 160, align: 'right' });
  doc.text('扫码验证证书真伪', width - 110 - 160, height - 60, { width: 160, align: 'right' });
  doc.end();
  return done;
}
