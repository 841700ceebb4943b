// One rule for every text a request carries (issue 7, finding 10): no control characters
// (NUL and the rest of C0 and DEL; tab, line feed and carriage return are text). Checked once
// for the body, the query and the path, before any schema or handler, so no route can forget
// it and nothing like a NUL byte ever reaches the database or an e-mail.
import type { FastifyInstance } from 'fastify';
import { httpErrors } from '../errors.ts';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MAX_DEPTH = 20;

/** The path of the first string holding a control character ('' for the value itself), or null. */
export function findControlCharacter(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (CONTROL.test(key)) return at;
    const found = findControlCharacter(v, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findControlCharacter(part);
      if (field !== null) throw httpErrors.control_characters(field ? { field } : {});
    }
  });
}
