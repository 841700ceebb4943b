// Shapes every module's API shares, so the OpenAPI document says the same thing the
// same way everywhere: instants are `format: date-time`, e-mails `format: email`, and
// every error answer is one `Error` body (src/kernel/errors.ts AppError.toBody).
import { z } from 'zod';

/** An instant as the API writes it: ISO 8601 in UTC, e.g. `2026-01-05T12:00:00.000Z` (Date#toISOString). */
export const Instant = z.iso.datetime().describe('An instant, ISO 8601 in UTC').meta({ examples: ['2026-01-05T12:00:00.000Z'] });

/**
 * An e-mail address the API answers with. Documented as `format: email` but not re-checked
 * on the way out: a stored address that an older rule let in must not turn a read into a 500.
 */
export const EmailOut = z.string().meta({ format: 'email' });

/**
 * An e-mail address in a request: trimmed and lower-cased, then checked. The pipe's JSON
 * Schema is its input side (a plain string), so the format is stated by hand.
 */
export const EmailIn = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .meta({ format: 'email', maxLength: 254 });

/** What every error answer carries; the `Error` component of the OpenAPI document. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, machine-readable: `validation_failed`, `not_found`, `already_member`, ...'),
      message: z.string().describe('For people, in the language of the `lang` cookie or `Accept-Language` (es, en)'),
      field: z.string().optional().describe('The input field at fault, as a dotted path (`questions.1.answer`)'),
      details: z.record(z.string(), z.unknown()).optional().describe('Extra data some errors carry (e.g. the next step required)'),
    }),
  })
  .meta({
    examples: [{ error: { code: 'validation_failed', message: 'Invalid value: Invalid email address', field: 'email' } }],
  });
export type ErrorBodyView = z.infer<typeof ErrorBody>;
