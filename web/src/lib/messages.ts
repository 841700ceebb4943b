// A feature's own dictionary: English is the source of keys; Spanish must have exactly them.
export function defineMessages<const T extends Record<string, string>>(en: T, es: { [K in keyof T]: string }) {
  return { en, es };
}
