import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/platform/db';

/**
 * What the privacy scan after the suite (privacyScan.ts, jest's globalTeardown) looks for and where:
 * every raw ID number a test made, each test database (the SQLite file, or a dump of MariaDB taken
 * as each test app closes) and every log line the apps wrote.
 */
const DIR = process.env.CQIP_PRIVACY_DIR;
const idNumbers = new Set<string>();

export function noteIdNumber(idNumber: string): void {
  if (DIR) idNumbers.add(idNumber);
}

export function recordForPrivacyScan(db: Database, logLines: string[]): void {
  if (!DIR) return;
  const tag = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  fs.writeFileSync(path.join(DIR, `ids-${tag}.txt`), [...idNumbers].join('\n'));
  fs.writeFileSync(path.join(DIR, `logs-${tag}.txt`), logLines.join(''));
  if (db.sqliteFile) fs.appendFileSync(path.join(DIR, 'sqlite-files.txt'), `${db.sqliteFile}\n`);
  else if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    const args = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username), '--single-transaction', '--skip-lock-tables', url.pathname.slice(1)];
    if (url.password) args.splice(6, 0, `-p${decodeURIComponent(url.password)}`);
    fs.writeFileSync(path.join(DIR, `dump-${tag}.sql`), execFileSync('mysqldump', args, { maxBuffer: 512 * 1024 * 1024 }));
  }
}
