import { redactSecrets } from './redact.js';

/**
 * Shortens text quoted from the repository to `max` characters (with `…`), redacting it first: a secret cut in half
 * no longer matches the patterns that find it (`postgres://app:hunter2…` has lost its `@`, `sk_live_51Hx` its length),
 * so the cut always comes after the redaction. Every detector that shortens quoted text uses this.
 */
export function clip(text: string, max: number): string {
  // Redacting a whole 1 MB expression to keep 120 characters of it would be slow; a margin keeps every pattern whole.
  const head = text.length > max + 512 ? text.slice(0, max + 512) : text;
  const redacted = redactSecrets(head);
  return redacted.length > max || head !== text ? `${redacted.slice(0, max - 1)}…` : redacted;
}
