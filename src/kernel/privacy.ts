// Showing personal data only as far as needed.

/** "ana@example.com" -> "a***@example.com": enough to recognize one's own mailbox, not to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
