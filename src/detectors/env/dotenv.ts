/** Dotenv files by name: `.env`, `.env.local`, `.env.example`, `api.env`, `.dev.vars` (Wrangler), `env.sample`, `env.sh.template`. */
const DOTENV = /(^|\/)(\.env(\.[\w.-]+)?|[\w.-]+\.env|\.dev\.vars|env(\.sh)?\.(example|sample|template))$/;
// The suffix forms (`.env.example`, `env-sample.txt`) and the prefix forms a README copies from (`cp .example.env .env`).
const EXAMPLE = /(example|sample|template|dist|defaults?)(\.txt)?$|^\.?(example|sample|template)\.env$/i;

const JS_MODULE = /^\s*(module\.exports\b|exports\.\w+\s*=|export\s+(default|const|function)\b|import\s.*\sfrom\s|const\s+\w+\s*=\s*require\()/m;

/**
 * Templates named in other ways: `dot-env-template`, `dotenv.example`, `.env-sample`, `env_template`, `env-sample.txt`,
 * `api.env.example`, and per-target files a build copies into `.env` (`cp ./env/.env-mx .env`): `.env-mx`. The name
 * alone is weaker evidence here, so the file must also read as dotenv (see `looksLikeDotenv`).
 */
const TEMPLATE_NAME = /^(?:\.?env|dot[-_.]?env)(?:[-_.][\w-]+)*?[-_.](?:example|sample|template|dist|defaults?)(?:\.txt)?$|^dot[-_.]?env$|^[\w.-]+\.env\.(?:example|sample|template)$|^\.env-[\w-]+$/i;

/** Every line that is not blank or a comment is `NAME=value` (or `export NAME=value`), and there is at least one. */
function looksLikeDotenv(text: string): boolean {
  let names = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (!/^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/.test(line)) return false;
    names++;
  }
  return names > 0;
}

/** A dotenv file or template; `read` is asked only for names that need their text to tell (`dot-env-template`). */
export function isDotenvFile(file: string, read?: () => string | undefined): boolean {
  if (DOTENV.test(file)) return true;
  if (!read || !TEMPLATE_NAME.test(file.split('/').pop() ?? '')) return false;
  const text = read();
  return text !== undefined && looksLikeDotenv(text);
}

export function isExampleDotenv(file: string): boolean {
  return EXAMPLE.test(file.split('/').pop() ?? '');
}

/**
 * True when a dotenv file assigns at least one non-empty value (`NAME=x`; `NAME=`, `NAME=""` and comments do not count):
 * a committed file of empty assignments is a template, whatever its name. Only the emptiness is looked at.
 */
export function hasDotenvValue(text: string): boolean {
  if (JS_MODULE.test(text)) return false;
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/.exec(raw);
    if (!m) continue;
    const value = m[1].replace(/\s+#.*$/, '').trim();
    if (value && !/^(?:""|'')$/.test(value)) return true;
  }
  return false;
}

/**
 * The variable names a dotenv file declares, with their lines. The name is the only part of a line that is ever
 * captured: the value (everything after `=`) is neither kept nor returned.
 */
export function dotenvNames(text: string, opts: { commented?: boolean } = {}): { name: string; line: number; commented?: true }[] {
  const out: { name: string; line: number; commented?: true }[] = [];
  const commented: { name: string; line: number; commented: true }[] = [];
  // A "dotenv" file that is really a JavaScript module (`module.exports.config = () => ({ … })`) declares no
  // variables by dotenv syntax; its `module.exports.config =` line would otherwise read as a variable name.
  if (JS_MODULE.test(text)) return out;
  const lines = text.split(/\r?\n/);
  let inMultiline: string | null = null;
  lines.forEach((raw, i) => {
    if (inMultiline) {
      if (raw.includes(inMultiline)) inMultiline = null;
      return;
    }
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(raw);
    if (!m) {
      // A template documents optional variables as `# export NAME=<value>` lines: that is where the user sets them.
      const c = opts.commented ? /^\s*#+\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=/.exec(raw) : null;
      if (c) commented.push({ name: c[1], line: i + 1, commented: true });
      return;
    }
    // A quoted value opened but not closed on this line continues (private keys); skip its other lines.
    const after = raw.slice(m[0].length).trimStart();
    const quote = after[0];
    if ((quote === '"' || quote === "'" || quote === '`') && after.indexOf(quote, 1) === -1) inMultiline = quote;
    out.push({ name: m[1], line: i + 1 });
  });
  for (const c of commented) if (!out.some((o) => o.name === c.name)) out.push(c);
  return out;
}
