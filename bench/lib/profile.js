/**
 * Where a server's CPU went: a V8 `.cpuprofile` (node --cpu-prof) summed by layer, from each sample's
 * own function (self time), so the parts add up to the whole. A layer is named by the file a function
 * lives in: the database driver, the ORM, zod, Koa and node's HTTP, auth, logging, the product's own
 * code, garbage collection, idle.
 */
const fs = require('node:fs');
const path = require('node:path');

const LAYERS = [
  ['driver', /node_modules\/(sqlite3|mysql2|lru-cache|denque|named-placeholders|sqlstring|iconv-lite|long|generate-function|seq-queue)\//],
  ['ORM (Sequelize)', /node_modules\/(sequelize|dottie|lodash|inflection|wkx|toposort-class|validator|moment|moment-timezone|retry-as-promised|uuid)\//],
  ['validation, projection (zod)', /node_modules\/zod/],
  ['HTTP (Koa, node:http)', /node_modules\/(koa|@koa|koa-[^/]+|http-errors|statuses|on-finished|content-type|co-body|raw-body|type-is|accepts|negotiator|mime-types|mime-db|vary|cookies|keygrip|delegates|depd|destroy|encodeurl|escape-html|fresh|only|parseurl|qs|bytes|inflation|ee-first|media-typer|koa-compose|cache-content-type|http-assert|deep-equal)\/|^node:(_http|http|net|stream|internal\/(streams|http|stream_base|net|url))|^node:internal\/timers/],
  ['auth (JWT, crypto)', /node_modules\/(jsonwebtoken|jose|jws|jwa|safe-buffer|buffer-equal-constant-time|ecdsa-sig-formatter)\/|^node:(crypto|internal\/crypto)/],
  ['logging (pino)', /node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|quick-format-unescaped|atomic-sleep|on-exit-leak-free|thread-stream|safe-stable-stringify)\//],
  ['product code (server/dist)', /server\/dist\//],
];
const SPECIAL = { '(garbage collector)': 'garbage collection', '(idle)': 'idle', '(program)': 'V8 and native (program)' };

function layerOf(callFrame) {
  if (SPECIAL[callFrame.functionName] && !callFrame.url) return SPECIAL[callFrame.functionName];
  const url = callFrame.url.replace(/^file:\/\//, '');
  for (const [name, pattern] of LAYERS) if (pattern.test(url)) return name;
  if (!url) return 'builtins (JSON, regexp, …)';
  if (url.startsWith('node:')) return 'other node internals';
  return `other: ${url.split('node_modules/').pop().split('/')[0]}`;
}

/** Milliseconds per layer for one profile, biggest first, with each layer's share of busy (non-idle) time. */
function summarise(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const layerOfNode = new Map(profile.nodes.map((n) => [n.id, layerOf(n.callFrame)]));
  const ms = new Map();
  profile.samples.forEach((id, i) => {
    const layer = layerOfNode.get(id);
    ms.set(layer, (ms.get(layer) || 0) + (profile.timeDeltas[i] || 0) / 1000);
  });
  const idle = ms.get('idle') || 0;
  const total = [...ms.values()].reduce((a, b) => a + b, 0);
  const busy = total - idle;
  // packages under 1 % each (mostly loading at start-up: fonts, exceljs, yaml) are one line
  const small = [...ms.entries()].filter(([name, t]) => name.startsWith('other: ') && t / busy < 0.01);
  for (const [name, t] of small) {
    ms.delete(name);
    ms.set('other packages (< 1 % each)', (ms.get('other packages (< 1 % each)') || 0) + t);
  }
  const layers = [...ms.entries()]
    .filter(([name]) => name !== 'idle')
    .sort((a, b) => b[1] - a[1])
    .map(([layer, t]) => ({ layer, ms: Math.round(t), shareOfBusy: Number((t / busy).toFixed(3)) }));
  return { totalMs: Math.round(total), busyMs: Math.round(busy), idleShare: Number((idle / total).toFixed(3)), layers };
}

/** The newest .cpuprofile in a directory (node writes one per process at exit). */
function newestProfile(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return path.join(dir, files.map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]).sort((a, b) => b[1] - a[1])[0][0]);
}

module.exports = { summarise, newestProfile, layerOf };
