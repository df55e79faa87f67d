/**
 * Credentials written into command lines (npm scripts, Makefiles, CI `run:` steps, README code blocks): the command
 * stays readable, the credential goes (`curl -u deploy:[redacted] https://…`). Each rule redacts a literal and keeps
 * a reference (`$TOKEN`, `${{ secrets.TOKEN }}`, `<password>`), since a reference says where the value comes from.
 */
import { REDACTED } from './known-formats.js';

/** A value that names where the secret comes from rather than being it. */
export function isCommandReference(value: string): boolean {
  const v = value.replace(/^['"]|['"]$/g, '');
  // `[redacted]`, `[value redacted]`: already done by an earlier rule.
  return v === '' || /^(\$|%|<|\{\{|\[)/.test(v) || v === REDACTED;
}

/** A quoted or bare shell word. */
const WORD = String.raw`(?:'[^'\n]*'|"[^"\n]*"|[^\s'";&|)]+)`;

function keep(prefix: string, value: string): string {
  if (isCommandReference(value)) return prefix + value;
  const quote = /^['"]/.test(value) ? value[0] : '';
  return `${prefix}${quote}${REDACTED}${quote}`;
}

/** Headers that carry credentials. */
const HEADER = String.raw`(?:authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|cookie|x-[a-z0-9-]*(?:token|secret|key|password|signature))`;
const SCHEME = String.raw`(?:bearer|basic|token|digest|bot|apikey)`;

/** Names of flags, environment variables and context keys that hold a secret (matched anywhere in the name). */
const SECRET_WORD = /pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|credential|signing[_-]?key|client[_-]?key/i;

const RULES: readonly [RegExp, (...groups: string[]) => string][] = [
  // curl/wget `-u user:password`, `--user user:password`, `--user=user:password` (a uid:gid pair of digits stays).
  [
    /(?<=^|[\s'"])(-u|--user|--proxy-user|--http-user|--ftp-user)(\s+|=|(?=[^\s-]))(['"]?)([^\s:'"@]+):([^\s'"]+)\3/g,
    (m, flag: string, gap: string, quote: string, user: string, password: string) =>
      /^\d+$/.test(user) && /^\d+$/.test(password) ? m : `${flag}${gap}${quote}${user}:${isCommandReference(password) ? password : REDACTED}${quote}`,
  ],
  // mysql and its family: `-pPASSWORD` (the password is attached to the flag).
  [
    /\b((?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlsh|mariadb|mariadb-dump)\b[^\n;&|]*?\s-p)('[^'\n]*'|"[^"\n]*"|[^\s'"-][^\s'"]*)/g,
    (_m, prefix: string, value: string) => keep(prefix, value),
  ],
  // Programs whose short flag takes the password as its own word: `redis-cli -a …`, `sshpass -p …`.
  [
    new RegExp(String.raw`\b((?:redis-cli|keydb-cli|valkey-cli)\b[^\n;&|]*?\s-a\s+|sshpass\b[^\n;&|]*?\s-p\s*)(?!-)(${WORD})`, 'g'),
    (_m, prefix: string, value: string) => keep(prefix, value),
  ],
  // `--password=…`, `--token …`, `--api-key=…`, `--client-secret …` and their kind.
  [
    new RegExp(String.raw`(?<=^|[\s'"])(--?[A-Za-z0-9-]*?(?:password|passwd|pass|pwd|secret|token|api-?key|apikey|access-?key|private-?key|auth-?key|credentials?)(?:=|\s+))(?!-)(${WORD})`, 'gi'),
    (_m, prefix: string, value: string) => keep(prefix, value),
  ],
  // `cdk deploy --context dbPassword=…` / `-c apiKey=…`: values of context keys whose names look secret.
  [
    /(?<=^|\s)((?:--context|-c)\s+(['"]?)([\w.:/-]+)=)([^\s'"]+)(?=\2)/g,
    (m, prefix: string, _q: string, key: string, value: string) => (SECRET_WORD.test(key) && !isCommandReference(value) ? `${prefix}${REDACTED}` : m),
  ],
  // `-H "X-Api-Key: …"`, `--header 'Authorization: Basic …'`: any header a command line sends with a credential in it.
  [
    new RegExp(String.raw`((?:-H|--header)(?:\s+|=)(['"]?)${HEADER}\s*:\s*(?:${SCHEME}\s+)?)([^\s'"]+)`, 'gi'),
    (_m, prefix: string, _q: string, value: string) => keep(prefix, value),
  ],
  // `Authorization: Bearer …` anywhere (an HTTP example, a header in code): a literal after the scheme.
  [
    new RegExp(String.raw`\b((?:proxy-)?authorization\s*:\s*['"\x60]?${SCHEME}\s+)([^\s'"\x60\\]+)`, 'gi'),
    (_m, prefix: string, value: string) => keep(prefix, value),
  ],
  // Inline environment assignments of secret-named variables: `PGPASSWORD=… psql`, `export AWS_SECRET_ACCESS_KEY=…`.
  [
    new RegExp(String.raw`(?<![\w$.-])([A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|_PASS|PWD|SECRET|TOKEN|API_?KEY|APIKEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|_AUTH)[A-Z0-9_]*=)(${WORD})`, 'g'),
    (_m, prefix: string, value: string) => keep(prefix, value),
  ],
];

/** Cheap test first: a text with none of these cannot match any rule. */
const MAYBE = /(?:^|[\s'"])-[a-zA-Z-]|[A-Z]=|:/;

export function redactCommandCredentials(text: string): string {
  if (!MAYBE.test(text)) return text;
  let out = text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace as (...args: string[]) => string);
  return out;
}
