/**
 * Known secret formats, replaced by `[redacted]` in anything quoted from the analysed repository (README excerpts,
 * code examples, default values, CI commands). Environment variable *names* are fine; values never are.
 *
 * Three layers: provider key formats (exact prefixes), assignments to secret-named keys (`API_KEY=…`,
 * `clientSecret: '…'`), and long random-looking strings. Each is written to leave code references alone
 * (`apiKey: process.env.KV_API_KEY`), so a quoted example stays readable.
 */
const PATTERNS: readonly RegExp[] = [
  // PEM private keys, also when cut off or written with literal `\n`.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  // AWS access key ids.
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\b/g,
  // Stripe secret, publishable and restricted keys; webhook signing secrets.
  /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}\b/g,
  /\bwhsec_[A-Za-z0-9+/=]{16,}/g,
  // Paddle Billing API keys and notification secrets (`pdl_live_apikey_…`, `pdl_ntfset_…`), client-side tokens.
  /\bpdl_[a-z]+_[A-Za-z0-9_]{12,}/g,
  /\b(?:live|test)_[a-f0-9]{27,}\b/g,
  // GitHub, GitLab, npm, Slack, Google, OpenAI, Anthropic, SendGrid, Twilio tokens.
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36})\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g,
  /\bSK[0-9a-f]{32}\b/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
  // JSON Web Tokens.
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

export const REDACTED = '[redacted]';

/** A key whose name ends in a secret word: `PADDLE_API_KEY`, `clientSecret`, `db_password`, `"token"`. */
const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*?(?:secret|token|password|passwd|pwd|api_?key|apikey|private_?key|access_?key|auth_?key|credentials?)`;
/** `KEY = 'value'`, `KEY: "value"`, `"key": "value"`, `KEY=value` (dotenv/shell), `--password=value`. */
const QUOTED_ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9])(${SECRET_KEY}["']?\s*(?:=|:|=>)\s*)(["'\x60])([^"'\x60\s]{8,})\2`, 'gi');
const BARE_ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9])(${SECRET_KEY}\s*=\s*)([^\s"'\x60,;)}\]]{8,})`, 'gi');
/** A whole line `password: value` (YAML, dotenv, shell) with an unquoted value. */
const LINE_ASSIGNMENT = new RegExp(String.raw`^([\t -]*(?:export\s+)?${SECRET_KEY}\s*[:=]\s*)([^\s"'\x60,;]{8,})\s*$`, 'gim');
/** Passwords in URLs: `postgres://user:pass@host`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:)([^\s@/'"`]{3,})@/gi;
/** `Authorization: Bearer <token>` with a literal token. */
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/-]{20,}=*)/g;

/** Code, not a value: `process.env.X`, `config.apiKey`, `${…}`, a function call, a placeholder in angle brackets. */
function isReference(value: string): boolean {
  return (
    /^(process\.|import\.|env\.|os\.|\$|\{|<|\(|\[)/.test(value) ||
    /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*[!?]?$/.test(value) && !/\d/.test(value) ||
    /\(/.test(value) ||
    /^(true|false|null|undefined|none|required|optional|string|number)$/i.test(value)
  );
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) out = out.replace(pattern, REDACTED);
  out = out.replace(QUOTED_ASSIGNMENT, (match, prefix: string, quote: string, value: string) =>
    value === REDACTED || isReference(value) ? match : `${prefix}${quote}${REDACTED}${quote}`,
  );
  out = out.replace(BARE_ASSIGNMENT, (match, prefix: string, value: string) =>
    value.startsWith(REDACTED) || isReference(value) ? match : `${prefix}${REDACTED}`,
  );
  out = out.replace(LINE_ASSIGNMENT, (match, prefix: string, value: string) =>
    value.startsWith(REDACTED) || isReference(value) ? match : `${prefix}${REDACTED}`,
  );
  out = out.replace(URL_PASSWORD, (match, prefix: string, password: string) => (password.startsWith('$') ? match : `${prefix}${REDACTED}@`));
  out = out.replace(BEARER, (_m, prefix: string) => `${prefix}${REDACTED}`);
  return out.replace(CANDIDATE, (match) => (looksRandom(match) ? REDACTED : match));
}

/** Long strings that look random (mixed classes, high entropy) are treated as secrets too. */
const CANDIDATE = /[A-Za-z0-9+/_=-]{32,}/g;

const WORDY = /^(?:[A-Z]?[a-z]+|[A-Z]{2,}(?![a-z])|[0-9]{1,4})+$/;

export function looksRandom(text: string): boolean {
  if (text.length < 32) return false;
  if (/^[a-z0-9-]+$/.test(text) && text.includes('-')) return false; // kebab-case identifiers and package names
  if (/^[0-9a-f]{40}$/.test(text)) return false; // git commit ids
  if (/^[0-9a-fA-F]+$/.test(text)) return /\d/.test(text) && /[a-fA-F]/.test(text) && entropy(text) >= 3.0; // hex secrets
  // Paths and identifiers made of words (`packages/dashboard/src/components/UsageChart`) are not random.
  if (text.split(/[/_.=+-]+/).filter(Boolean).every((w) => WORDY.test(w))) return false;
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

/** Redacts every string inside plain JSON data (facts for `--json`), keeping its shape. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
