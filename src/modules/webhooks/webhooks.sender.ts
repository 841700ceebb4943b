// One webhook attempt over the network: a POST with the signed headers, a hard deadline, no
// redirects followed. In production the host's addresses are judged when the connection
// resolves them (the lookup hook below), so the address checked is the address connected to:
// a name that resolves to a public address at creation and to 127.0.0.1 later (DNS
// rebinding) is refused at that attempt. Literal IPs never reach the lookup; the URL rule
// (`checkEndpointUrl`) judges them first.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AddressPolicy, checkEndpointUrl, checkResolved } from './webhooks.rules.ts';

export interface AttemptInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  policy: AddressPolicy;
  timeoutMs: number;
}

/** Why an attempt got no HTTP answer (recorded in the delivery log as `lastError`). */
export class AttemptError extends Error {}

/** Resolves like the connection would, and refuses when the policy forbids any address. */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      const done = callback as (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
      if (err) return done(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (!checkResolved(list.map((a) => a.address), policy))
        return done(new AttemptError(`${hostname} resolves to an address that is not public`), '', 0);
      if (options.all) return done(null, list);
      return done(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** A short reason for the log: the system's code and message (`connect ECONNREFUSED 203.0.113.5:443`). */
function describe(err: unknown): string {
  if (err instanceof AttemptError) return err.message;
  const e = err as (NodeJS.ErrnoException & { errors?: unknown[] }) | undefined;
  // Happy Eyeballs (several addresses tried) fails with an AggregateError: its first reason.
  if (e?.errors?.length) return describe(e.errors[0]);
  const text = e?.code && !e.message?.includes(e.code) ? `${e.code} ${e.message ?? ''}` : (e?.message ?? String(err));
  return text.trim().slice(0, 300) || 'connection failed';
}

/** POSTs once; resolves with the status code of the answer, or throws an AttemptError. */
export function postOnce(input: AttemptInput): Promise<number> {
  const checked = checkEndpointUrl(input.url, input.policy);
  if (!checked.ok) {
    const why = checked.problem === 'not_https' ? 'production endpoints must use https' : checked.problem === 'not_public' ? 'the address is not public' : 'invalid address';
    return Promise.reject(new AttemptError(why));
  }
  const url = checked.url;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      fn();
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(input.policy),
        headers: {
          ...input.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(input.body)),
          'user-agent': 'Mostrador-Webhooks/1.0',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // The answer's body is not read: its status line is the whole verdict.
        res.destroy();
        finish(() => resolve(status));
      },
    );
    const deadline = setTimeout(() => {
      req.destroy(new AttemptError(`no answer within ${Math.round(input.timeoutMs / 100) / 10} s`));
    }, input.timeoutMs);
    req.on('error', (err) => finish(() => reject(err instanceof AttemptError ? err : new AttemptError(describe(err)))));
    req.end(input.body);
  });
}
