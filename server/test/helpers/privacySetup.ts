import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** jest globalSetup: a fresh folder for the privacy ledger of this run (inherited by the workers). */
export default function setup(): void {
  process.env.CQIP_PRIVACY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-privacy-'));
}
