import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far. */
  output: string[];
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
  stop(): Promise<void>;
  /** A JSON call to the server (set-up the browser test does not click through); throws on non-2xx. */
  api<T = Record<string, unknown>>(method: string, urlPath: string, body?: unknown, token?: string): Promise<T>;
  /** Signs in over the API and returns the token. */
  login(phone: string, password: string): Promise<string>;
}

/** Starts the built server (server/dist) on a free port with its own data folder and SQLite file. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const main = path.join(ROOT, 'server/dist/main.js');
  const index = path.join(ROOT, 'client/dist/h5/index.html');
  for (const file of [main, index]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqip-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', DATABASE_URL: `sqlite:${path.join(dataDir, 'app.sqlite')}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      output.push(String(chunk));
      process.stderr.write(chunk);
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.join("").slice(-500)}`);
    if (Date.now() > deadline) throw new Error('server did not become ready in 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const api = async <T,>(method: string, urlPath: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${urlPath} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    api,
    login: async (phone, password) => (await api<{ token: string }>('POST', '/api/auth/login', { phone, password })).token,
    baseUrl,
    port,
    dataDir,
    output,
    exited,
    signal: (name) => child.kill(name),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Headless Chromium as a phone would show the h5 app. Never downloads a browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  watchForErrors(page);
  return page;
}

/** What the pages of the running test reported; test/e2e/setup.ts fails the test if any. */
const pageErrors: string[] = [];

/**
 * Records every uncaught exception and console.error of a page: a bundle that throws on load
 * renders a blank page, and the test should say why rather than time out on a missing element.
 * Chromium's own "Failed to load resource" line for an /api/ answer of 4xx/5xx is not an error of
 * the app (the tests provoke such answers and check what the app shows for them).
 */
export function watchForErrors(page: Page): void {
  page.on('pageerror', (error) => pageErrors.push(`uncaught ${error.stack ?? String(error)}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    if (message.text().startsWith('Failed to load resource') && isApiUrl(url)) return;
    pageErrors.push(`console.error ${message.text()}${url ? ` (${url})` : ''}`);
  });
}

function isApiUrl(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

/** The errors recorded since the last call, and forgets them. */
export function takePageErrors(): string[] {
  return pageErrors.splice(0);
}

/** Saves a screenshot under test/e2e/artifacts/ for a person to look at. */
export async function snapshot(page: Page, name: string): Promise<void> {
  const dir = path.join(__dirname, 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
