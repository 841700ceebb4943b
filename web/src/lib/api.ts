// The one way the web app talks to the server: JSON in and out, the reader's language in
// Accept-Language, and the CSRF double-submit token (cookie `csrf` → header `x-csrf-token`)
// on every request that changes something. Server errors `{ error: { code, message, field? } }`
// become an ApiError whose message is already localized by the server (API-3).
import type { z } from 'zod';
import { readCookie } from './cookies.ts';
import { currentLanguage, translate } from './i18n.ts';

export const API_BASE = '/api/v1';

/**
 * What the server answers, read off its response schema (src/modules/<module>/<module>.schemas.ts,
 * imported with `import type`): the schema's output is exactly what it serializes as JSON.
 */
export type ApiResponse<Schema extends z.ZodType> = z.output<Schema>;

/** What the server takes, read off its body schema: fields with a default may be left out. */
export type ApiBody<Schema extends z.ZodType> = z.input<Schema>;
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

/** Like RequestInit, but `body` may be any JSON value (sent as application/json). */
export interface ApiRequestInit extends Omit<RequestInit, 'body'> {
  body?: unknown;
  /** The cookie whose CSRF token a change echoes: the seller session's unless another session is meant. */
  csrfCookie?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof ArrayBuffer
  );
}

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Resolves the full URL of an API path: '/dev/mailbox' and '/api/v1/dev/mailbox' are the same. */
export function apiUrl(path: string): string {
  if (/^https?:\/\//.test(path) || path.startsWith(API_BASE + '/') || path === API_BASE) return path;
  return API_BASE + (path.startsWith('/') ? path : `/${path}`);
}

export async function apiFetch<T = unknown>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { body, headers: givenHeaders, csrfCookie = CSRF_COOKIE, ...rest } = init;
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(givenHeaders);
  const lang = currentLanguage();
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  headers.set('accept-language', lang);

  let sentBody: BodyInit | undefined;
  if (body !== undefined) {
    if (isRawBody(body)) {
      sentBody = body;
    } else {
      sentBody = JSON.stringify(body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
  }
  if (!SAFE_METHODS.has(method)) {
    const csrf = (readCookie(`__Host-${csrfCookie}`) ?? readCookie(csrfCookie)) /* __Host- over https */;
    if (csrf) headers.set(CSRF_HEADER, csrf);
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path), { credentials: 'same-origin', ...rest, method, headers, body: sentBody });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', translate(lang, 'error.network'));
  }

  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    if (isErrorBody(parsed)) {
      const { code, message, field } = parsed.error;
      throw new ApiError(response.status, code, message, field);
    }
    throw new ApiError(response.status, `http_${response.status}`, translate(lang, 'error.unexpected', { status: response.status }));
  }
  return parsed as T;
}
