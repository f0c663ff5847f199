/**
 * Open-loop load at a fixed offered rate: request i is sent at t0 + i/rate whatever happened to earlier ones,
 * and its latency is counted from that scheduled instant (so a stall is not hidden by sending less — no
 * "coordinated omission"). Evenly spaced, unlike a per-connection rate limiter whose connections all fire on
 * the same tick and turn 500 req/s into bursts of 50.
 */
import http from 'node:http';

export interface OpenLoopResult {
  offered: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
}

export async function openLoop(opts: { port: number; paths: string[]; rate: number; seconds: number; maxSockets?: number }): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256 });
  const total = Math.round(opts.rate * opts.seconds);
  const lat: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  const done: Promise<void>[] = [];
  const t0 = performance.now() + 50;
  const fire = (i: number) => {
    const scheduled = t0 + (i * 1000) / opts.rate;
    sent++;
    done.push(
      new Promise<void>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port: opts.port, path: opts.paths[i % opts.paths.length], agent }, (res) => {
          res.resume();
          res.on('end', () => {
            lat.push(performance.now() - scheduled);
            if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) ok++;
            else non2xx++;
            resolve();
          });
        });
        req.on('error', () => {
          errors++;
          resolve();
        });
      }),
    );
  };
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && t0 + (next * 1000) / opts.rate <= now) fire(next++);
      if (next >= total) return resolve();
      setImmediate(tick);
    };
    tick();
  });
  await Promise.all(done);
  agent.destroy();
  lat.sort((a, b) => a - b);
  const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : Number.NaN);
  return { offered: opts.rate, sent, ok, non2xx, errors, p50_ms: q(0.5), p99_ms: q(0.99), max_ms: lat[lat.length - 1] ?? Number.NaN };
}
