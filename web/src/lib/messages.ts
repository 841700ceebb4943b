// How a dictionary of texts is written: English is the source of keys, and Spanish
// must have exactly the same keys, so the compiler fails when a text lacks either language.

/** The shared words (layout, common buttons, errors): keys of any shape. */
export function defineMessages<const T extends Record<string, string>>(en: T, es: { [K in keyof T]: string }) {
  return { en, es };
}

/**
 * A feature's own texts, beside its pages: every key starts with `<prefix>.` (a key that does
 * not is a type error), so two features can never define the same key; web/src/messages.ts
 * files each catalog under its prefix.
 */
export function defineFeatureMessages<const P extends string, const T extends Record<string, string>>(
  prefix: P,
  en: T & { [K in Exclude<keyof T, `${P}.${string}`>]: never },
  es: { [K in keyof T]: string },
) {
  return { prefix, en: en as T, es };
}
