/**
 * Secrets in text, replaced by `[redacted]` in anything quoted from the analysed repository (README excerpts, code
 * examples, default values, CI commands, expression text in facts). Environment variable *names* are fine; values
 * never are. Callers go through `src/secrets/outbound.ts`, which applies this to everything that leaves the process.
 *
 * Layers: provider key formats (exact prefixes, known-formats.ts), credentials in command lines (commands.ts),
 * assignments to secret-named keys (`API_KEY=…`, `clientSecret: '…'`), passwords in URLs (also when the text was cut
 * short before the `@`), and long random-looking strings. Each leaves code references alone
 * (`apiKey: process.env.KV_API_KEY`), so a quoted example stays readable.
 */
import { redactCommandCredentials } from './commands.js';
import { REDACTED, redactKnownFormats } from './known-formats.js';

export { REDACTED } from './known-formats.js';

/** A key whose name ends in a secret word: `PADDLE_API_KEY`, `clientSecret`, `db_password`, `"token"`. */
const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*?(?:secret|token|password|passwd|pwd|api_?key|apikey|private_?key|access_?key|auth_?key|credentials?)`;
/** `KEY = 'value'`, `KEY: "value"`, `"key": "value"`, `KEY=value` (dotenv/shell), `--password=value`. */
const QUOTED_ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9])(${SECRET_KEY}["']?\s*(?:=|:|=>)\s*)(["'\x60])([^"'\x60\s]{1,})\2`, 'gi');
const BARE_ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9])(${SECRET_KEY}\s*=(?![=>])\s*)([^\s"'\x60,;)}\]]{1,})`, 'gi');
/** A whole line `password: value` (YAML, dotenv, shell) with an unquoted value. */
const LINE_ASSIGNMENT = new RegExp(String.raw`^([\t -]*(?:export\s+)?${SECRET_KEY}\s*[:=]\s*)([^\s"'\x60,;]{3,})\s*$`, 'gim');
/**
 * Passwords in URLs: `postgres://user:pass@host`, and `postgres://user:pass…` when a detector cut the text before the
 * `@` (a port, `http://localhost:5173`, is digits and stays).
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:)([^\s@/'"`…]+)(?=@|…|$|[\s'"`])/gi;
/** `Bearer <token>` with a long literal token (short ones after an `Authorization:` header are in commands.ts). */
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

/**
 * Inside quotes only a placeholder is not a value: `"${DB_PASSWORD}"`, `'{{ token }}'`, `"<your key>"`, `'%s'`, and the
 * made-up values of examples (`'kv_live_your_key'`, `'changeme'`, `'xxxx'`). Anything else is printed as
 * `[redacted]`: a real password need not look like one.
 */
function isPlaceholder(value: string): boolean {
  return (
    /^(\$|\{|<|%|\[(?:value )?redacted\])/.test(value) ||
    /^(process|import\.meta)\.env\./.test(value) ||
    /your|example|placeholder|changeme|dummy|\.\.\.|…|^(?:x+|\*+|-+)$/i.test(value)
  );
}

/** `SecretValue.unsafePlainText('…')` (CDK): a literal secret by definition, whatever it looks like. */
const PLAIN_TEXT_SECRET = /(\b(?:unsafePlainText|plainText)\(\s*)(['"\x60])((?:(?!\2)[^\\]|\\.)*)(\2|$)/g;

/**
 * Cheap test first: a text none of the rules can match. Every rule needs one of these — an assignment or a URL needs
 * `=` or `:`, a command credential a flag after white space or a quote, a key format its prefix, a random string a run
 * of 32 characters — and most strings (names, paths, kinds) have none, so they cost one or two regex tests each.
 */
const MAY_HOLD = /[:=]|(?:^|[\s'"])-[A-Za-z-]|[Bb]earer|[Pp]lainText|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA|live_|test_|whsec_|pdl_|gh[pousr]_|github_pat_|glpat-|\bnpm_|xox[abprs]-|AIza|\bsk-|\bSG\.|SK[0-9a-f]|\beyJ|PRIVATE KEY/;
export function mayHoldSecret(text: string): boolean {
  return MAY_HOLD.test(text) || hasLongRun(text);
}

/**
 * A run of 32 characters that a random string is made of (`[A-Za-z0-9+/_=-]`), found in one pass: the regex
 * `/[…]{32}/` restarts at every position and was the costliest test of all, on paths made of exactly those characters.
 */
function hasLongRun(text: string): boolean {
  if (text.length < 32) return false;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const inRun =
      (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 47 && c <= 57) || c === 43 || c === 95 || c === 61 || c === 45; // a-z A-Z / 0-9 + _ = -
    run = inRun ? run + 1 : 0;
    if (run >= 32) return true;
  }
  return false;
}

/** Sections run to megabytes: a long text is redacted line by line (every rule but the PEM one stays within a line). */
const LONG_TEXT = 4096;

export function redactSecrets(text: string): string {
  if (text.length > LONG_TEXT && text.includes('\n')) {
    const whole = text.includes('PRIVATE KEY') ? redactKnownFormats(text) : text;
    return whole.split('\n').map(redactLine).join('\n');
  }
  return redactLine(text);
}

/** The words an assignment rule needs in its key (a cheap test before the three assignment patterns). */
const SECRET_WORD = /secret|token|passw|pwd|api_?key|apikey|private_?key|access_?key|auth_?key|credential/i;

function redactLine(text: string): string {
  if (!mayHoldSecret(text)) return text;
  let out = redactCommandCredentials(redactKnownFormats(text));
  if (out.includes('lainText(')) {
    out = out.replace(PLAIN_TEXT_SECRET, (match, prefix: string, quote: string, value: string, close: string) =>
      value === REDACTED || value === '' ? match : `${prefix}${quote}${REDACTED}${close}`,
    );
  }
  if (SECRET_WORD.test(out)) {
    out = out.replace(QUOTED_ASSIGNMENT, (match, prefix: string, quote: string, value: string) =>
      isPlaceholder(value) ? match : `${prefix}${quote}${REDACTED}${quote}`,
    );
    out = out.replace(BARE_ASSIGNMENT, (match, prefix: string, value: string) =>
      value.startsWith(REDACTED) || isReference(value) ? match : `${prefix}${REDACTED}`,
    );
    out = out.replace(LINE_ASSIGNMENT, (match, prefix: string, value: string) =>
      value.startsWith(REDACTED) || isReference(value) ? match : `${prefix}${REDACTED}`,
    );
  }
  if (out.includes('://')) {
    out = out.replace(URL_PASSWORD, (match, prefix: string, password: string) =>
      password.startsWith('$') || password.startsWith('{') || password === REDACTED || /^\d+$/.test(password) ? match : `${prefix}${REDACTED}`,
    );
  }
  if (out.includes('earer')) out = out.replace(BEARER, (_m, prefix: string) => `${prefix}${REDACTED}`);
  return hasLongRun(out) ? out.replace(CANDIDATE, (match) => (looksRandom(match) ? REDACTED : match)) : out;
}

/** Long strings that look random (mixed classes, high entropy) are treated as secrets too. */
const CANDIDATE = /[A-Za-z0-9+/_=-]{32,}/g;

/**
 * Whether a word is made of words: lower-case runs, each optionally after one capital (`Chart`, `chart`), acronyms of
 * two or more capitals not running into lower case (`HTTP`, the `HT` of `HTTPServer` with `Server` after), and digits.
 * It was the regex `/^(?:[A-Z]?[a-z]+|[A-Z]{2,}(?![a-z])|[0-9]{1,4})+$/`, which can split a run in exponentially many
 * ways and took seconds on one long identifier of a bundled file; this walk over the runs accepts the same words.
 */
export function isWordy(word: string): boolean {
  const runs = word.match(RUN);
  if (!runs) return false;
  for (let i = 0; i < runs.length; i++) {
    const first = runs[i].charCodeAt(0);
    if (first >= 65 && first <= 90) {
      const next = runs[i + 1]?.charCodeAt(0);
      if (next !== undefined && next >= 97 && next <= 122) {
        // The last capital starts the word the lower-case run ends; the capitals before it, if any, are an acronym.
        if (runs[i].length === 2) return false;
        i++;
      } else if (runs[i].length < 2) return false;
    } else if (!((first >= 97 && first <= 122) || (first >= 48 && first <= 57))) return false;
  }
  return true;
}
const RUN = /[A-Z]+|[a-z]+|[0-9]+|[^A-Za-z0-9]+/g;

export function looksRandom(text: string): boolean {
  if (text.length < 32) return false;
  if (/^[a-z0-9-]+$/.test(text) && text.includes('-')) return false; // kebab-case identifiers and package names
  if (/^[0-9a-f]{40}$/.test(text)) return false; // git commit ids
  if (/^[0-9a-fA-F]+$/.test(text)) return /\d/.test(text) && /[a-fA-F]/.test(text) && entropy(text) >= 3.0; // hex secrets
  // Paths and identifiers made of words (`packages/dashboard/src/components/UsageChart`) are not random, nor are paths
  // with a short random part among words (`/tmp/pc-repo-tuFYbW/blocker/PROJECT-CONTEXT`, a temp folder).
  const words = text.split(/[/_.=+-]+/).filter(Boolean);
  // A word cut short by a detector (`LogG…`) ends in a lone capital: still a word. So is an identifier with a version
  // or instance suffix (`ApiStackV2`, `ConnectLexAiN1`, a CDK stack id).
  const odd = words.filter((w) => !isWordy(w) && !isWordy(w.replace(/[A-Z][0-9]{0,3}$/, '')) && !camelCaseWords(w));
  if (odd.length === 0 || (words.length >= 3 && odd.length * 3 <= words.length && odd.every((w) => w.length <= 12))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(text)).length;
  if (classes < 2) return false;
  return entropy(text) >= 4.0;
}

/** CamelCase pieces: capitals then lower case (`DLon`, `HTTPServer`), a lower-case start, capitals, digits. */
const CAMEL_PIECE = /[A-Z]+[a-z]*|[a-z]+|[0-9]+/g;

/**
 * An identifier of dictionary-like CamelCase words where an acronym runs into the next word (`UpdateDLonFraudNotDetectedRule`,
 * a CDK construct id), which isWordy cannot split. Random base62 strings fail it: they have one-letter lower-case runs
 * (`aZ3kP9`), more digit runs, long capital runs, and runs without vowels. Every lower-case run must be two letters
 * or more, three in four must hold a vowel, capital runs are acronyms (≤ 5), digit runs are few and short, and the
 * pieces average four letters.
 */
function camelCaseWords(word: string): boolean {
  const pieces = word.match(CAMEL_PIECE) ?? [];
  const letters = pieces.filter((p) => !/^[0-9]/.test(p));
  const digits = pieces.length - letters.length;
  if (letters.length < 2 || digits > 2 || pieces.some((p) => /^[0-9]{5,}/.test(p))) return false;
  let total = 0;
  let voweled = 0;
  for (const p of letters) {
    const caps = p.match(/^[A-Z]*/)![0].length;
    const lower = p.length - caps;
    if (caps > 5 || lower === 1) return false;
    if (lower > 0 && /[aeiouy]/.test(p.slice(caps))) voweled++;
    else if (lower === 0 && /[AEIOUY]/.test(p)) voweled++;
    total += p.length;
  }
  return total / letters.length >= 4 && voweled * 4 >= letters.length * 3;
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
