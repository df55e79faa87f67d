/**
 * Known secret formats, replaced by `[redacted]` in anything quoted from the analysed repository (README excerpts,
 * code examples, default values). Environment variable *names* are fine; values never are.
 */
const PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[A-Z0-9]{16}\b/g,
  /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}\b/g,
  /\bwhsec_[A-Za-z0-9+/=]{16,}\b/g,
  /\b(?:pdl_(?:live|sdbx)_(?:apikey|ntfset)_[A-Za-z0-9_]{10,}|(?:live|test)_[a-f0-9]{27,})\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
  /\b(?:aws_secret_access_key|secret_?key|api_?key|client_?secret|password|passwd|token)\b(\s*[:=]\s*["']?)[^\s"'`,;]{8,}/gi,
];

/** Long strings that look random (mixed classes, high entropy) are treated as secrets too. */
const CANDIDATE = /[A-Za-z0-9+/_=-]{32,}/g;

export const REDACTED = '[redacted]';

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, assign?: string) =>
      typeof assign === 'string' && /^\s*[:=]/.test(assign) ? `${match.slice(0, match.indexOf(assign) + assign.length)}${REDACTED}` : REDACTED,
    );
  }
  return out.replace(CANDIDATE, (match) => (looksRandom(match) ? REDACTED : match));
}

export function looksRandom(text: string): boolean {
  if (text.length < 32) return false;
  if (/^[a-z0-9-]+$/.test(text) && text.includes('-')) return false; // kebab-case identifiers and package names
  if (/^[0-9a-f]{40}$/.test(text)) return false; // git commit ids
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(text)).length;
  if (classes < 2) return false;
  return entropy(text) >= 4.0;
}

function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    h -= p * Math.log2(p);
  }
  return h;
}
