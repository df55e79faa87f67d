/**
 * Provider key formats: exact prefixes and lengths, so they are redacted wherever they appear, in text, in fact data
 * and inside paths (a file named after a key is left out of the index, see repo-index.ts, so a path that is cited never
 * holds one). A value cut short by a detector (`sk_live_51Hx…`) is redacted up to the cut.
 */
export const REDACTED = '[redacted]';

const FORMATS: readonly RegExp[] = [
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
  // The start of a key that a detector cut short: the prefix is public, what follows it up to the cut is not.
  /\b(?:AKIA|ASIA|(?:sk|pk|rk)_(?:live|test)_|whsec_|pdl_[a-z]+_|gh[pousr]_|github_pat_|glpat-|npm_|xox[abprs]-|AIza|sk-(?:ant-|proj-)?|SG\.|eyJ)[A-Za-z0-9_./+=-]*…/g,
];

/** Cheap test: can the text hold any of the formats at all (a prefix or a PEM header)? */
const PREFIXES = /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA|_live_|_test_|whsec_|pdl_|live_|test_|gh[pousr]_|github_pat_|glpat-|npm_|xox[abprs]-|AIza|sk-|SG\.|SK[0-9a-f]|hooks\.slack|eyJ|PRIVATE KEY/;

export function redactKnownFormats(text: string): string {
  if (!PREFIXES.test(text)) return text;
  let out = text;
  for (const pattern of FORMATS) out = out.replace(pattern, REDACTED);
  return out;
}

/** True when the text holds a provider key (used for file names: such a file is left out and counted, not cited). */
export function hasKnownFormat(text: string): boolean {
  return PREFIXES.test(text) && redactKnownFormats(text) !== text;
}
