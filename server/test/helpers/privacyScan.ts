import fs from 'node:fs';
import path from 'node:path';

/**
 * jest globalTeardown: after the whole suite, no raw ID number a test used is in any test database
 * (SQLite files with their WAL, MariaDB dumps) or in any log line. Fails the run otherwise.
 */
export default function scan(): void {
  const dir = process.env.CQIP_PRIVACY_DIR;
  if (!dir || !fs.existsSync(dir)) return;
  const files = fs.readdirSync(dir);
  const ids = new Set(files.filter((f) => f.startsWith('ids-')).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean)));
  const places: string[] = files.filter((f) => f.startsWith('logs-') || f.startsWith('dump-')).map((f) => path.join(dir, f));
  const sqlite = path.join(dir, 'sqlite-files.txt');
  if (fs.existsSync(sqlite)) {
    for (const file of fs.readFileSync(sqlite, 'utf8').split('\n').filter(Boolean)) places.push(...[file, `${file}-wal`].filter((f) => fs.existsSync(f)));
  }
  const found: string[] = [];
  // one pass per file: every 17 digits and a check character, at every position, looked up in the set
  for (const place of places) {
    const text = fs.readFileSync(place).toString('latin1');
    for (const match of text.matchAll(/(?=(\d{17}[\dX]))/g)) if (ids.has(match[1])) found.push(`${match[1]} in ${place}`);
  }
  const summary = `privacy scan: ${ids.size} raw ID numbers looked for in ${places.length} databases, dumps and logs`;
  if (found.length) throw new Error(`${summary}: found ${found.length}:\n${found.slice(0, 20).join('\n')}`);
  console.log(`${summary}: none found`);
  fs.rmSync(dir, { recursive: true, force: true });
}
