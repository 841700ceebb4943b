// What the buyer types on the checkout page, made into the purchase's body: the card number in
// groups of four as it is typed, the expiry as MM/YY, and the checks the page makes before
// sending (the server checks everything again, and its field errors show beside the same inputs).

/** Digits only, at most 19 (the longest card numbers). */
export function cardDigits(value: string): string {
  return value.replace(/\D/g, '').slice(0, 19);
}

/** "4242424242424242" → "4242 4242 4242 4242" (as typed, so the buyer can read it back). */
export function formatCardNumber(value: string): string {
  return cardDigits(value).replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** What the expiry field shows while typed: "1", "12", "12/3", "12/30". */
export function formatExpiry(value: string): string {
  const digits = value.replace(/\D/g, '').slice(0, 4);
  if (digits.length === 1 && Number(digits) > 1) return `0${digits}/`;
  if (digits.length <= 2) return digits;
  return `${digits.slice(0, 2)}/${digits.slice(2)}`;
}

/** "12/30", "12/2030" or "1230" → month and four-digit year; null when it is not an expiry. */
export function parseExpiry(value: string): { expMonth: number; expYear: number } | null {
  const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!m) return null;
  const expMonth = Number(m[1]);
  const year = Number(m[2]);
  if (expMonth < 1 || expMonth > 12) return null;
  return { expMonth, expYear: m[2]!.length === 2 ? 2000 + year : year };
}

/** Whether a card's expiry month is over (a card is good through the last day of its month). */
export function isExpired(expiry: { expMonth: number; expYear: number }, today: Date): boolean {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  return expiry.expYear < y || (expiry.expYear === y && expiry.expMonth < m);
}

/** The characters of a CPF or CNPJ: digits and (the alphanumeric CNPJ) capital letters, no punctuation. */
export function taxIdCharacters(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** A CPF has 11 digits; a CNPJ 14 characters (12 letters or digits and 2 check digits). Check digits are the server's. */
export function taxIdShapeOk(value: string): boolean {
  const chars = taxIdCharacters(value);
  return /^\d{11}$/.test(chars) || /^[0-9A-Z]{12}\d{2}$/.test(chars);
}

/** The server's fields of an expiry (month or year) are the page's one expiry input. */
export function pageFieldOf(serverField: string | undefined): string | undefined {
  if (serverField === 'payment.card.expMonth' || serverField === 'payment.card.expYear') return 'payment.card.expiry';
  return serverField;
}
