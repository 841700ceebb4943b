// LIKE patterns from what a person typed: `%`, `_` and `\` match themselves (PostgreSQL's
// default escape character is the backslash).

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Texts that start with `text`. */
export const prefixPattern = (text: string): string => `${escapeLike(text)}%`;

/** Texts that hold `text` anywhere. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;
