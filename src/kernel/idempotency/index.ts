// API-1's `Idempotency-Key`: the first answer to a key, per caller, kept 24 hours.
export {
  type Attempt,
  createIdempotency,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_RETENTION_MS,
  IDEMPOTENCY_WAIT_MS,
  idempotencyErrors,
  IdempotencyHeaders,
  isIdempotencyKey,
  type Idempotency,
  type IdempotencyOptions,
  type IdempotentAnswer,
  type IdempotentOutcome,
  type IdempotentRequest,
  requestHash,
} from './idempotency.ts';
export { idempotencyKeys } from './idempotency.tables.ts';
