// Shared bench helpers: load a URL with autocannon and report req/s and latency.
import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);

export async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  // Warm up (JIT, connection pools) before the measured run.
  await autocannon({ url, connections: 10, duration: 1, headers });
  const r = await autocannon({ url, connections: 10, duration: DURATION_S, headers });
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function table(rows: LoadResult[], baseline: LoadResult): void {
  const fmt = (n: number, d = 1) => n.toFixed(d).padStart(9);
  console.log(`| ${'case'.padEnd(44)} | req/s     | p50 ms    | p99 ms    | vs baseline |`);
  console.log(`|${'-'.repeat(46)}|-----------|-----------|-----------|-------------|`);
  for (const r of rows) {
    const ratio = r.rps / baseline.rps;
    const flag = r.errors + r.non2xx > 0 ? ` (errors ${r.errors}, non-2xx ${r.non2xx})` : '';
    console.log(`| ${r.name.padEnd(44)} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${(ratio * 100).toFixed(0).padStart(9)} % |${flag}`);
  }
}
