// My profile's pure rules: the opaque reference a session is shown by, the browser and
// system a user agent names, and MA-1's checks of a PIN with two security questions
// (the same checks sign-up makes, through password.rules.ts).
import { sha256 } from '../../kernel/ids.ts';
import { isValidPin, normalizeAnswer } from './password.rules.ts';

/**
 * What a session is called outside the server. A session's id is the SHA-256 of its cookie;
 * that stays inside. The reference is a hash of the id under its own label: stable (the list
 * and "log it out" agree), useless for finding the cookie or the id, and meaningful only
 * among the caller's own sessions (they are the only ones it is looked up in).
 */
export function sessionRef(sessionId: string): string {
  return sha256(`mostrador.session-ref:${sessionId}`).slice(0, 32);
}

export interface DeviceSummary {
  /** "Chrome 131", "Firefox 133", "Safari 17"…; null when the agent names no browser we know. */
  browser: string | null;
  /** "Windows", "macOS", "Android", "iOS", "Linux", "ChromeOS"; null when unknown. */
  os: string | null;
}

const BROWSERS: ReadonlyArray<[name: string, pattern: RegExp]> = [
  // Order matters: these all say "Chrome" or "Safari" too.
  ['Edge', /\bEdg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /\b(?:OPR|Opera)\/(\d+)/],
  ['Samsung Internet', /\bSamsungBrowser\/(\d+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\w+)? Safari\//],
  ['curl', /^curl\/(\d+)/],
];

const SYSTEMS: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ['Windows', /\bWindows\b/],
  ['Android', /\bAndroid\b/],
  ['iOS', /\b(?:iPhone|iPad|iPod)\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['macOS', /\bMac OS X\b|\bMacintosh\b/],
  ['Linux', /\bLinux\b/],
];

/** The browser and system a User-Agent header names, major version only (enough to recognise a device). */
export function summarizeUserAgent(userAgent: string | null | undefined): DeviceSummary {
  if (!userAgent) return { browser: null, os: null };
  const browser = BROWSERS.map(([name, re]) => {
    const m = re.exec(userAgent);
    return m ? `${name} ${m[1]}` : null;
  }).find((b) => b !== null);
  const os = SYSTEMS.find(([, re]) => re.test(userAgent))?.[0] ?? null;
  return { browser: browser ?? null, os };
}

/** "Chrome 131 on Linux", for e-mails; the web page lays the parts out itself. */
export function describeDevice(summary: DeviceSummary, locale: 'es' | 'en'): string {
  const unknown = locale === 'es' ? 'un navegador desconocido' : 'an unknown browser';
  const browser = summary.browser ?? unknown;
  if (!summary.os) return browser;
  return locale === 'es' ? `${browser} en ${summary.os}` : `${browser} on ${summary.os}`;
}

export interface SecurityInput {
  pin: string;
  questions: ReadonlyArray<{ questionId: string; answer: string; hint: string }>;
}

export type SecurityProblem = { code: 'questions_must_differ' | 'hint_reveals_answer' | 'invalid_pin'; field: string };

/**
 * MA-1's rules for a PIN and two security questions, in the order a person fixes them:
 * two different questions, no hint that holds its answer (compared as answers are), a PIN
 * of 4 to 6 digits. Null when all hold.
 */
export function securityProblem(input: SecurityInput): SecurityProblem | null {
  const [q1, q2] = input.questions;
  if (q1 && q2 && q1.questionId === q2.questionId) return { code: 'questions_must_differ', field: 'questions.1.questionId' };
  for (const [i, q] of input.questions.entries()) {
    const answer = normalizeAnswer(q.answer);
    if (answer.length > 0 && normalizeAnswer(q.hint).includes(answer)) return { code: 'hint_reveals_answer', field: `questions.${i}.hint` };
  }
  if (!isValidPin(input.pin)) return { code: 'invalid_pin', field: 'pin' };
  return null;
}
