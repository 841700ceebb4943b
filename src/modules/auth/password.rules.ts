// MA-3: the password policy of master accounts and team members. One definition,
// used by the server and by the web page's live checklist.

export interface PasswordRule {
  id: 'length' | 'upper' | 'lower' | 'digits' | 'special';
  en: string;
  es: string;
  test(password: string): boolean;
}

const count = (re: RegExp, s: string) => (s.match(re) ?? []).length;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: 'length',
    en: `Between ${PASSWORD_MIN} and ${PASSWORD_MAX} characters`,
    es: `Entre ${PASSWORD_MIN} y ${PASSWORD_MAX} caracteres`,
    test: (p) => [...p].length >= PASSWORD_MIN && [...p].length <= PASSWORD_MAX,
  },
  { id: 'upper', en: 'At least 2 upper-case letters', es: 'Al menos 2 letras mayúsculas', test: (p) => count(/\p{Lu}/gu, p) >= 2 },
  { id: 'lower', en: 'At least 2 lower-case letters', es: 'Al menos 2 letras minúsculas', test: (p) => count(/\p{Ll}/gu, p) >= 2 },
  { id: 'digits', en: 'At least 2 digits', es: 'Al menos 2 números', test: (p) => count(/\p{Nd}/gu, p) >= 2 },
  {
    // Printable symbols: !@#$%^&* and every other punctuation or symbol character.
    id: 'special',
    en: 'At least 2 special characters (such as !@#$%^&*)',
    es: 'Al menos 2 caracteres especiales (como !@#$%^&*)',
    test: (p) => count(/[\p{P}\p{S}]/gu, p) >= 2,
  },
];

export function checkPassword(password: string): { ok: boolean; failed: PasswordRule['id'][] } {
  const failed = PASSWORD_RULES.filter((r) => !r.test(password)).map((r) => r.id);
  return { ok: failed.length === 0, failed };
}

/** MA-1: PIN of 4 to 6 digits. */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{4,6}$/.test(pin);
}

/** MA-1: answers compare case- and space-insensitively. */
export function normalizeAnswer(answer: string): string {
  return answer.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/gu, '');
}

export const SECURITY_QUESTIONS = [
  { id: 'first_pet', en: 'What was the name of your first pet?', es: '¿Cómo se llamaba tu primera mascota?' },
  { id: 'birth_city', en: 'In which city were you born?', es: '¿En qué ciudad naciste?' },
  { id: 'first_school', en: 'What was the name of your first school?', es: '¿Cómo se llamaba tu primera escuela?' },
  { id: 'mother_maiden', en: "What is your mother's maiden name?", es: '¿Cuál es el apellido de soltera de tu madre?' },
  { id: 'childhood_friend', en: 'What was the name of your best childhood friend?', es: '¿Cómo se llamaba tu mejor amigo de la infancia?' },
  { id: 'first_car', en: 'What was the make of your first car?', es: '¿De qué marca era tu primer coche?' },
  { id: 'favorite_teacher', en: 'What was the name of your favourite teacher?', es: '¿Cómo se llamaba tu profesor favorito?' },
] as const;

export type SecurityQuestionId = (typeof SECURITY_QUESTIONS)[number]['id'];
export const SECURITY_QUESTION_IDS = SECURITY_QUESTIONS.map((q) => q.id) as [SecurityQuestionId, ...SecurityQuestionId[]];
