// A POST load generator in a process of its own (autocannon's API): every request carries a new
// Idempotency-Key, so each one is a new purchase rather than a replay of the first.
//   node bench/loadgen-post.mjs '{"url":..., "body":..., "headers":..., "seconds":5, "connections":10}'
// Prints { rps, p50, p99, errors, non2xx, total } as JSON.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const { url, body, headers = {}, seconds = 5, connections = 10 } = JSON.parse(process.argv[2]);
const result = await autocannon({
  url,
  method: 'POST',
  connections,
  duration: seconds,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
  requests: [
    {
      setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }),
    },
  ],
});
console.log(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  }),
);
