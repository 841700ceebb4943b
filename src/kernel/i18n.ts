// Languages: every text a person reads exists in Spanish and English.
// Catalogs live beside the code that uses them; this file holds the shared mechanics.

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}

/** Picks es or en from an explicit choice (cookie, profile) or an Accept-Language header. */
export function negotiateLocale(
  explicit: string | null | undefined,
  acceptLanguage: string | null | undefined,
  fallback: Locale = 'en',
): Locale {
  if (isLocale(explicit)) return explicit;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.find((p) => p.trim().startsWith('q='));
        return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((r) => !Number.isNaN(r.q))
      .sort((a, b) => b.q - a.q);
    const hit = ranked.find((r) => isLocale(r.lang));
    if (hit) return hit.lang as Locale;
  }
  return fallback;
}

/**
 * The one rule for the language of an answer (errors included), wherever the request
 * stops: the `lang` cookie (the language the person picked on this screen), else the
 * signed-in person's own language, else Accept-Language, else English. See docs/decisions.md.
 */
export function chooseLocale(from: {
  cookie?: string | null;
  person?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(from.cookie)) return from.cookie;
  if (isLocale(from.person)) return from.person;
  return negotiateLocale(null, from.acceptLanguage);
}

/** Replaces `{name}` placeholders. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

/** A catalog whose Spanish side must have exactly the English keys (checked by the compiler). */
export function defineCatalog<T extends Record<string, string>>(
  en: T,
  es: { [K in keyof T]: string },
): Catalog<Extract<keyof T, string>> {
  return { en, es } as Catalog<Extract<keyof T, string>>;
}

export function translator<K extends string>(catalog: Catalog<K>, locale: Locale) {
  return (key: K, params?: Record<string, string | number>) => interpolate(catalog[locale][key], params);
}
