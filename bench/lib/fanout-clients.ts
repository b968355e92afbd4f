// Dashboard clients in their own process, for bench/fanout.ts: connects N Socket.IO clients,
// then, on "start" from the parent (stdin), records for each `event` received the latency from
// the timestamp in its description (epoch milliseconds, performance.timeOrigin + now(), so it
// compares across processes), until "stop"; then prints {count, p50, p99} as JSON on stdout
// ("mark" prints the same for what arrived since the last mark and goes on recording).
//   node --import tsx bench/lib/fanout-clients.ts <url> <clients> <event> [token]
import readline from 'node:readline';
import { io as connect, type Socket } from 'socket.io-client';

const [url, count, event, token] = process.argv.slice(2);
if (!url || !count || !event) {
  console.error('usage: fanout-clients.ts <url> <clients> <event> [token]');
  process.exit(2);
}
const now = () => performance.timeOrigin + performance.now();
const latencies: number[] = [];
let recording = false;

const sockets = await Promise.all(
  Array.from(
    { length: Number(count) },
    () =>
      new Promise<Socket>((resolve, reject) => {
        const s = connect(url, {
          transports: ['websocket'],
          auth: token ? { token } : {},
          reconnection: false,
        });
        s.on(event, (e: { description: string }) => {
          if (recording) latencies.push(now() - Number(e.description.split(' ')[1]));
        });
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      }),
  ),
);
console.log(JSON.stringify({ ready: sockets.length }));

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'start') {
    recording = true;
    console.log(JSON.stringify({ recording }));
  }
  if (line === 'mark') {
    // a summary of what arrived since the last mark, recording on (bench/faults.ts soak)
    const sorted = latencies.splice(0).sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    console.log(
      JSON.stringify({ count: sorted.length, p50: q(0.5) ?? null, p99: q(0.99) ?? null }),
    );
  }
  if (line === 'stop') {
    recording = false;
    sockets.forEach((s) => s.disconnect());
    const sorted = latencies.sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const summary = { count: sorted.length, p50: q(0.5) ?? null, p99: q(0.99) ?? null };
    process.stdout.write(`${JSON.stringify(summary)}\n`, () => process.exit(0));
  }
}
