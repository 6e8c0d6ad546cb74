import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './db';

/** A backup: the SQLite file and the claims' evidence files, in one folder named by its time. */
export interface Backup {
  dir: string;
  database: string;
  evidenceFiles: number;
}

const STAMP = /^\d{8}-\d{6}-\d{3}$/;

const stampOf = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.(\d{3})Z$/, '-$1');

/**
 * A consistent online backup of the SQLite database: `VACUUM INTO` writes a copy of one snapshot of
 * the database while writers go on (they wait only for the copy's read of each page, never for the
 * whole backup), then the evidence files. Keeps the newest `keep` backups in `backupsDir`.
 */
export async function backupSqlite(db: Database, dataDir: string, backupsDir: string, keep: number, now = new Date()): Promise<Backup> {
  if (db.dialect !== 'sqlite') throw new Error('npm run backup is for the SQLite database; for MySQL/MariaDB see docs/operations.md (mysqldump --single-transaction or mariabackup)');
  const dir = path.join(backupsDir, stampOf(now));
  fs.mkdirSync(dir, { recursive: true });
  const database = path.join(dir, 'app.sqlite');
  await db.sequelize.query('VACUUM INTO ?', { replacements: [database] });
  // Evidence files are written once and never changed: a file copied is a file complete.
  const evidenceFrom = path.join(dataDir, 'evidence');
  let evidenceFiles = 0;
  if (fs.existsSync(evidenceFrom)) {
    fs.cpSync(evidenceFrom, path.join(dir, 'evidence'), { recursive: true });
    evidenceFiles = fs.readdirSync(path.join(dir, 'evidence')).length;
  }
  pruneBackups(backupsDir, keep);
  return { dir, database, evidenceFiles };
}

/** The backups in a folder, newest first. */
export function listBackups(backupsDir: string): string[] {
  if (!fs.existsSync(backupsDir)) return [];
  return fs
    .readdirSync(backupsDir)
    .filter((name) => STAMP.test(name) && fs.existsSync(path.join(backupsDir, name, 'app.sqlite')))
    .sort()
    .reverse()
    .map((name) => path.join(backupsDir, name));
}

function pruneBackups(backupsDir: string, keep: number): void {
  for (const old of listBackups(backupsDir).slice(keep)) fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Puts a backup back: the database file (its WAL and shared-memory files removed, so nothing of the
 * replaced database is replayed over it) and the evidence files. The server must be stopped.
 */
export function restoreSqlite(backupDir: string, storage: string, dataDir: string): void {
  const database = path.join(backupDir, 'app.sqlite');
  if (!fs.existsSync(database)) throw new Error(`${backupDir} is not a backup (no app.sqlite in it)`);
  fs.mkdirSync(path.dirname(storage), { recursive: true });
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${storage}${suffix}`, { force: true });
  fs.copyFileSync(database, `${storage}.restoring`);
  fs.renameSync(`${storage}.restoring`, storage);
  const evidence = path.join(backupDir, 'evidence');
  if (fs.existsSync(evidence)) {
    fs.rmSync(path.join(dataDir, 'evidence'), { recursive: true, force: true });
    fs.cpSync(evidence, path.join(dataDir, 'evidence'), { recursive: true });
  }
}
