// `Idempotency-Key` for API changes that must happen once (API-1: createOrder; the tickets API
// reuses it). A caller sends a key of its choosing with the request; we keep the first answer
// under (caller, key) for at least 24 hours:
//   - the same key and the same body again: the first answer (status and body), nothing done;
//   - the same key with another body: 409 `idempotency_key_reused`;
//   - the same key while the first request still runs: the retry waits for it (up to a few
//     seconds) and answers its result; past that, 409 `idempotency_key_in_progress`;
//   - a request whose process died before answering is taken over by a retry once its claim is
//     older than the lease, and runs again with the same downstream key (`Attempt.downstreamKey`),
//     so a payment provider sees the same charge and never charges twice.
// The work stores its answer in its own transaction (`Attempt.complete`), so the answer exists
// exactly when the work committed. Errors are answers too (a decline is the answer to that key),
// except `unavailable` ones (nothing was done: the key is given back). docs/sales.md.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { defineErrors } from '../errors.ts';
import { toAppError } from '../http/error-handler.ts';
import type { Locale } from '../i18n.ts';
import { sha256 } from '../ids.ts';
import { createIdempotencyRepository } from './idempotency.repository.ts';

/** The header's name as documented; Node hands it over lower-cased. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How long a key and its answer are kept (the purge job deletes them after). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;
/** A request that has not answered after this long is taken as dead: a retry may take it over. */
export const IDEMPOTENCY_LEASE_MS = 120_000;
/** How long a retry waits for the first request to answer before a 409 in progress. */
export const IDEMPOTENCY_WAIT_MS = 5_000;

/** 1 to 255 printable ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

export const idempotencyErrors = defineErrors({
  idempotency_key_invalid: {
    kind: 'validation',
    en: 'The Idempotency-Key header is required: 1 to 255 printable characters (a UUID, for example)',
    es: 'La cabecera Idempotency-Key es obligatoria: de 1 a 255 caracteres imprimibles (un UUID, por ejemplo)',
  },
  idempotency_key_reused: {
    kind: 'conflict',
    en: 'This Idempotency-Key was already used with a different request; use a new key for a new request',
    es: 'Esta Idempotency-Key ya se usó con otra solicitud distinta; usa una clave nueva para cada solicitud nueva',
  },
  idempotency_key_in_progress: {
    kind: 'conflict',
    en: 'A request with this Idempotency-Key is still being processed; send it again in a few seconds',
    es: 'Una solicitud con esta Idempotency-Key todavía se está procesando; vuelve a enviarla en unos segundos',
  },
});

const field = IDEMPOTENCY_HEADER;

/**
 * The header as a route declares it (`schema.headers`): documented as required, and refused
 * with `idempotency_key_invalid` on the field `Idempotency-Key` when missing or malformed.
 * Loose: every other header passes through untouched.
 */
export const IdempotencyHeaders = z.looseObject({
  // z.custom, not z.string(): a missing header must fail this check too (and answer the
  // field `Idempotency-Key`), which an optional or a string schema would not.
  'idempotency-key': z
    .custom<string>((value) => isIdempotencyKey(value), { params: { error: idempotencyErrors.idempotency_key_invalid({ field }) } })
    .meta({
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description:
        'Required. A key of your choosing, unique per request (a UUID): a retry with the same key and body answers the first result and does nothing again. Kept 24 hours.',
      examples: ['7f1c2e4a-2b1d-4c55-9a7e-3f0d6b8e9a10'],
    }),
});

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value);
}

/** A JSON value with its object keys sorted: the same request whatever the order of its fields. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The SHA-256 of a request body in canonical JSON. */
export function requestHash(body: unknown): string {
  return sha256(JSON.stringify(canonical(body ?? null)));
}

export interface IdempotentRequest {
  /** Whose key: a team membership (`member:<id>`), a staff person... Keys never collide across callers. */
  callerId: string;
  key: string;
  /** What "the same request" means: the validated body (and anything else that must match). */
  body: unknown;
  /** The language the first answer's error messages are stored in. */
  locale: Locale;
}

export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

export interface Attempt {
  /**
   * For the work's own downstream calls (the payment provider's idempotency key): derived from
   * the caller and the key only, so a retry that takes over a dead request repeats the same call.
   */
  downstreamKey: string;
  /** Stores the answer inside the work's transaction: the answer exists exactly when the work committed. */
  complete(tx: Db, answer: IdempotentAnswer): Promise<void>;
}

export interface IdempotentOutcome extends IdempotentAnswer {
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

export interface IdempotencyOptions {
  retentionMs?: number;
  leaseMs?: number;
  waitMs?: number;
  pollMs?: number;
}

export function createIdempotency(deps: { clock: Clock }, options: IdempotencyOptions = {}) {
  const repo = createIdempotencyRepository();
  const retentionMs = options.retentionMs ?? IDEMPOTENCY_RETENTION_MS;
  const leaseMs = options.leaseMs ?? IDEMPOTENCY_LEASE_MS;
  const waitMs = options.waitMs ?? IDEMPOTENCY_WAIT_MS;
  const pollMs = options.pollMs ?? 25;

  async function execute(db: Db, request: IdempotentRequest, claimedAt: Date, work: (attempt: Attempt) => Promise<IdempotentAnswer>): Promise<IdempotentOutcome> {
    const { callerId, key } = request;
    const attempt: Attempt = {
      downstreamKey: `idem_${sha256(`${callerId}\n${key}`)}`,
      complete: async (tx, answer) => {
        // Lost the claim (taken over after the lease): this work must not commit beside the other.
        if (!(await repo.complete(tx, callerId, key, claimedAt, answer.status, answer.body))) throw idempotencyErrors.idempotency_key_in_progress({ field });
      },
    };
    let answer: IdempotentAnswer;
    try {
      answer = await work(attempt);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.kind === 'unavailable') await repo.release(db, callerId, key, claimedAt);
      // Compare-and-set: a no-op when the work stored its own answer before failing late.
      else await repo.complete(db, callerId, key, claimedAt, appError.status, appError.toBody(request.locale));
      throw error;
    }
    // Already stored by the work's transaction, or stored now (work that writes nothing).
    await repo.complete(db, callerId, key, claimedAt, answer.status, answer.body);
    return { ...answer, replayed: false };
  }

  return {
    /**
     * Runs `work` once per (caller, key): the first request runs it; later ones with the same
     * body get its answer, with another body a 409. The work's errors are rethrown to this
     * caller (the error handler answers them) and stored for the retries.
     */
    async run(db: Db, request: IdempotentRequest, work: (attempt: Attempt) => Promise<IdempotentAnswer>): Promise<IdempotentOutcome> {
      if (!isIdempotencyKey(request.key)) throw idempotencyErrors.idempotency_key_invalid({ field });
      const hash = requestHash(request.body);
      // The wait is counted in polls, not read from a clock: business time may be frozen (PLAT-4).
      let pollsLeft = Math.ceil(waitMs / pollMs);
      for (;;) {
        const now = deps.clock.now();
        const expiresAt = new Date(now.getTime() + retentionMs);
        if (await repo.claim(db, { callerId: request.callerId, key: request.key, requestHash: hash, createdAt: now, expiresAt })) {
          return execute(db, request, now, work);
        }
        const row = await repo.find(db, request.callerId, request.key);
        if (!row) continue; // purged in between: claim it again
        if (row.requestHash !== hash) throw idempotencyErrors.idempotency_key_reused({ field });
        if (row.responseStatus !== null) return { status: row.responseStatus, body: row.responseBody, replayed: true };
        if (now.getTime() - row.createdAt.getTime() >= leaseMs) {
          if (await repo.takeOver(db, request.callerId, request.key, row.createdAt, now, expiresAt)) return execute(db, request, now, work);
          continue;
        }
        if (pollsLeft-- <= 0) throw idempotencyErrors.idempotency_key_in_progress({ field });
        await sleep(pollMs);
      }
    },

    /** Deletes the keys past their retention (the `idempotency.purge` job). */
    purgeExpired: (db: Db): Promise<number> => repo.purgeExpired(db, deps.clock.now()),
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
