// The language of a request, by the one rule of chooseLocale (kernel/i18n.ts). It reads
// the request itself rather than hooks' results, so it answers the same wherever the
// request is refused: in the router (bad URL, a too-long parameter), before the cookie
// parser has run, in a hook, or in a handler after the access check found the person.
import type { FastifyRequest } from 'fastify';
import { chooseLocale, type Locale } from '../i18n.ts';

export const LANG_COOKIE = 'lang';

function cookieFromHeader(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function localeOf(request: FastifyRequest): Locale {
  const parsed = (request as { cookies?: Record<string, string | undefined> | null }).cookies;
  const cookie = parsed ? parsed[LANG_COOKIE] : cookieFromHeader(request.headers.cookie, LANG_COOKIE);
  // Set by the access check once it knows who calls; the kernel reads it without importing the module.
  const access = (request as { access?: { principal?: { locale?: string } | null } | null }).access;
  const acceptLanguage = request.headers['accept-language'];
  return chooseLocale({ cookie, person: access?.principal?.locale, acceptLanguage: typeof acceptLanguage === 'string' ? acceptLanguage : undefined });
}
