/** Small HTTP helpers and autocannon wrappers shared by the benches. */
const http = require('node:http');
const autocannon = require('autocannon');

function call(port, method, urlPath, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null, bytes: Buffer.byteLength(text) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const run = (options) => new Promise((resolve, reject) => autocannon(options, (err, result) => (err ? reject(err) : resolve(result))));

/** Steady load on one GET for `seconds` with `connections` open: requests per second and latency. */
async function steady({ port, path: urlPath, token, connections = 50, seconds = 10 }) {
  const result = await run({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections,
    duration: seconds,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { reqPerSec: Math.round(result.requests.average), requests: result.requests.total, p50ms: result.latency.p50, p99ms: result.latency.p99, bytesPerReq: Math.round(result.throughput.total / Math.max(1, result.requests.total)), failed: bad };
}

/** Percentile of a sorted array of numbers. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

module.exports = { call, run, steady, percentile };
