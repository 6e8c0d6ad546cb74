import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../platform/errors';

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

const SIGNATURES: { type: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** The real type of an upload, read from its first bytes; whatever name or Content-Type it claims is ignored. */
export function sniffEvidenceType(content: Buffer): { type: string; ext: string } | null {
  const match = SIGNATURES.find((s) => content.length >= 8 && s.test(content));
  return match ? { type: match.type, ext: match.ext } : null;
}

/** Evidence files live under data/evidence with random names; the database keeps the name and type. */
export class EvidenceStore {
  constructor(private readonly dir: string) {}

  save(content: Buffer): { file: string; type: string } {
    const kind = sniffEvidenceType(content);
    if (!kind) throw new ValidationError([{ path: 'evidence', message: '证明材料须为 PDF、PNG 或 JPEG 文件' }]);
    fs.mkdirSync(this.dir, { recursive: true });
    const file = `${randomBytes(16).toString('hex')}.${kind.ext}`;
    fs.writeFileSync(path.join(this.dir, file), content, { mode: 0o600 });
    return { file, type: kind.type };
  }

  read(file: string): Buffer {
    if (!/^[0-9a-f]{32}\.(png|jpg|pdf)$/.test(file)) throw new Error('bad evidence file name');
    return fs.readFileSync(path.join(this.dir, file));
  }

  remove(file: string): void {
    fs.rmSync(path.join(this.dir, file), { force: true });
  }
}
