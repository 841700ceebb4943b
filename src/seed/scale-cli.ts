// `seed --scale` at the terminal: the arguments checked, a progress bar on stderr while the
// chunks are written (cli-progress; drawn only on a terminal), and the summary on stdout, as
// JSON with --json or as a small table.
import cliProgress from 'cli-progress';
import type { AppDeps } from '../kernel/deps.ts';
import { type ScaleSummary, seedScale } from './scale.ts';

export async function runScaleSeed(deps: AppDeps, args: { orders?: string; accounts?: string; tickets?: string; json: boolean }): Promise<number> {
  const orders = Number(args.orders?.replace(/[_,]/g, ''));
  const accounts = args.accounts === undefined ? 3 : Number(args.accounts);
  const tickets = args.tickets === undefined ? 0 : Number(args.tickets.replace(/[_,]/g, ''));
  if (!args.orders || !Number.isInteger(orders) || orders < 1) {
    console.error('seed --scale needs --orders N (a whole number, e.g. 1000000)');
    return 1;
  }
  if (!Number.isInteger(accounts) || accounts < 1) {
    console.error('--accounts must be a whole number from 1');
    return 1;
  }
  if (!Number.isInteger(tickets) || tickets < 0 || tickets > orders) {
    console.error('--tickets must be a whole number from 0 to --orders (a ticket per order at most)');
    return 1;
  }
  const bar = new cliProgress.SingleBar(
    { format: 'orders {bar} {percentage}% | {value}/{total} | {rate} orders/s | ETA {eta_formatted}', hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let summary: ScaleSummary;
  try {
    summary = await seedScale(deps, {
      orders,
      accounts,
      tickets,
      onProgress: (done, total) => {
        const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
        if (done === 0) bar.start(total, 0, { rate: 0 });
        else bar.update(done, { rate });
      },
    });
  } catch (error) {
    bar.stop();
    if (error instanceof RangeError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  bar.stop();
  if (args.json) {
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  const lines: Array<[string, string]> = [
    ['database', summary.database],
    ['orders', n(summary.orders)],
    ['tickets', `${n(summary.tickets)} (history ${n(summary.rows.ticketEvents)})`],
    ['accounts', String(summary.accounts)],
    ['rows written', `${n(summary.rows.total)} (payments ${n(summary.rows.payments)}, invoices ${n(summary.rows.invoices)}, subscriptions ${n(summary.rows.subscriptions)}, check-ins ${n(summary.rows.checkIns)}, history ${n(summary.rows.orderEvents)}, access ${n(summary.rows.productAccess)}, refunds ${n(summary.rows.refundRecords)}, tickets ${n(summary.rows.tickets)}, ticket history ${n(summary.rows.ticketEvents)})`],
    ['time', `${summary.seconds.toFixed(1)} s`],
    ['orders/s', n(summary.ordersPerSecond)],
    ['rows/s', n(summary.rowsPerSecond)],
    ['team', summary.teamId],
    ['owner API key', `${summary.owner.apiKey} (${summary.owner.email}, every account)`],
    ['member API key', `${summary.member.apiKey} (${summary.member.email}, account ${summary.member.accountId} only)`],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  for (const [k, v] of lines) console.log(`${k.padEnd(width)}  ${v}`);
  return 0;
}
