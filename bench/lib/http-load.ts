// A load generator in its own process, so the server under test keeps its event loop to itself:
// POSTs each JSON body of a file to a URL, `concurrency` at a time, and prints
// {"ms": elapsed, "statuses": {"201": n, …}} on stdout.
//   node --import tsx bench/lib/http-load.ts <url> <bodies.json> <concurrency> [header:value …]
import fs from 'node:fs';
import http from 'node:http';

const [url, file, concurrency, ...headerArgs] = process.argv.slice(2);
if (!url || !file || !concurrency) {
  console.error('usage: http-load.ts <url> <bodies.json> <concurrency> [header:value …]');
  process.exit(2);
}
const bodies = (JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[]).map((b) =>
  JSON.stringify(b),
);
const headers: Record<string, string> = { 'content-type': 'application/json' };
for (const h of headerArgs) {
  const i = h.indexOf(':');
  headers[h.slice(0, i)] = h.slice(i + 1);
}
// node:http with kept-alive sockets: fetch (undici) itself tops out near 1,100 requests/s here
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const post = (body: string) =>
  new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const status = await post(body);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
console.log(JSON.stringify({ ms: performance.now() - started, statuses }));
agent.destroy();
