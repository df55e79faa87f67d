/**
 * Reads in text the TypeScript parser does not take: component markup (`.astro`, `.vue`, `.svelte`, `.html`), and
 * Python and Go code (a CDK app's Lambdas are often Python: a variable CDK sets there is read, not "left over").
 */
import { isEnvName } from './names.js';
import type { RawAssignment, RawDynamic, RawRead } from './raw-reads.js';
import { clip } from '../../secrets/clip.js';
import { pythonHelperReads } from './reads-python-helpers.js';

const TEXT_READ = /\b(process\.env|import\.meta\.env)(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g;

const CONVERSION_OPEN = /\b(?:Number\.)?(parseInt|parseFloat|Number|String)\(\s*$/;

/** For files the TypeScript parser cannot read (`.astro`, `.vue`, `.svelte`, `.html`): a text scan for the same forms. */
export function envReadsInText(text: string): RawRead[] {
  const out: RawRead[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(TEXT_READ)) {
      const name = m[2] ?? m[3];
      if (isEnvName(name)) {
        const before = line.slice(0, m.index ?? 0);
        const after = line.slice((m.index ?? 0) + m[0].length);
        // `parseInt(process.env.X, 10) || 200`: a pure conversion does not hide the fallback.
        const converted = CONVERSION_OPEN.test(before) ? after.replace(/^\s*(,\s*\d+\s*)?\)/, '') : after;
        const fallback = /^\s*(\?\?|\|\|)/.test(converted);
        out.push({ name, line: i + 1, via: 'text', receiver: m[1] === 'process.env' ? 'process' : 'import.meta', fallback });
      }
    }
  });
  return out;
}

/** The upper-case names a piece of code reads from `process.env` (`.X` or `['X']`), in order, for a value's source. */
export function processEnvNames(text: string): string[] {
  return envReadsInText(text).filter((r) => r.receiver === 'process' && /^[A-Z_][A-Z0-9_]*$/.test(r.name)).map((r) => r.name);
}

/** `os.environ["X"]`, `os.environ.get("X", d)`, `os.getenv("X")`, `environ.setdefault("X", d)`. */
const PYTHON = /\b(?:os\.)?(environ\s*\[|environ\.get\(|getenv\(|environ\.setdefault\()\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\2\s*(,)?/g;
/** `"X" in os.environ`, `"X" not in environ`: a membership test reads whether X is set. */
const PYTHON_MEMBERSHIP = /(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s+(?:not\s+)?in\s+(?:os\.)?environ\b/g;
/** `os.Getenv("X")`, `os.LookupEnv("X")`. */
const GO = /\bos\.(?:Getenv|LookupEnv)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"/g;

export const PYTHON_FILE = /\.py$/;
export const GO_FILE = /\.go$/;

/** `os.environ["X"] = v` sets X; `os.environ[key] = v` sets a computed name. */
const PYTHON_SET = /\b(?:os\.)?environ\s*\[\s*([^\]\n]+?)\s*\]\s*=(?!=)/g;

/** `os.getenv("SAGEMAKER_ENDPOINT_" + name)`, `os.environ[f"X_{name}"]`: a read of a name built from a literal prefix. */
const PYTHON_PREFIXED = /\b(?:os\.)?(?:environ\s*\[|environ\.get\(|getenv\()\s*(?:(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*\+|f(['"])([A-Za-z_][A-Za-z0-9_]*)\{)/g;

export function pythonEnv(text: string): { reads: RawRead[]; assigned: RawAssignment[]; dynamicSets: RawDynamic[]; dynamic: RawDynamic[] } {
  const dynamic: RawDynamic[] = [];
  for (const { m, line } of matches(text, '#', PYTHON_PREFIXED)) {
    const prefix = m[2] ?? m[4];
    dynamic.push({ line, expression: clip(m[0], 80), pattern: `^${prefix}` });
  }
  const assigned: RawAssignment[] = [];
  const dynamicSets: RawDynamic[] = [];
  const setLines = new Set<string>();
  // `os.environ["X"]` raises KeyError when X is unset: at module level the import fails (startup), in a function
  // that code fails. `.get()` and `getenv()` return None instead.
  const pythonSubscripts = new Map<number, 'guard' | 'check'>();
  for (const { m, line } of matches(text, '#', /\b(?:os\.)?environ\s*\[\s*(['"])[A-Za-z_][A-Za-z0-9_]*\1\s*\](?!\s*=(?!=))/g)) {
    const start = text.lastIndexOf('\n', m.index ?? 0) + 1;
    pythonSubscripts.set(line, /^\s/.test(text.slice(start, start + 1)) ? 'check' : 'guard');
  }
  for (const { m, line } of matches(text, '#', PYTHON_SET)) {
    const literal = /^(['"])([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(m[1]);
    if (literal) assigned.push({ name: literal[2], line });
    else dynamicSets.push({ line, expression: clip(m[0], 80) });
    setLines.add(`${line}:${m[1]}`);
  }
  const reads = scan(text, '#', PYTHON, (m) => ({ name: m[3], fallback: m[4] === ',' && m[1] !== 'environ[' && !m[1].startsWith('environ ') }), 'python')
    .filter((r) => !setLines.has(`${r.line}:"${r.name}"`) && !setLines.has(`${r.line}:'${r.name}'`))
    // The literal prefix of a computed name (`getenv("X_" + y)`) is not a read of a variable called `X_`.
    .filter((r) => !dynamic.some((d) => d.line === r.line && d.pattern === `^${r.name}`))
    .map((r) => (pythonSubscripts.has(r.line) ? { ...r, required: pythonSubscripts.get(r.line)! } : r));
  reads.push(...scan(text, '#', PYTHON_MEMBERSHIP, (m) => ({ name: m[2], fallback: false }), 'python'));
  // `_get_required_env("X")`: a module-local helper reading `os.environ.get(name, "")`.
  reads.push(...pythonHelperReads(text));
  return { reads, assigned, dynamicSets, dynamic };
}

/** `func env(key, fallback string) string { … os.LookupEnv(key) … }`: a helper whose calls name the variable. */
const GO_HELPER = /^func\s+(\w+)\s*\(\s*(\w+)\b[^)]*\)[^{\n]*\{\n([\s\S]*?)^\}/gm;

export function goReads(text: string): RawRead[] {
  const reads = scan(text, '//', GO, (m) => ({ name: m[1], fallback: false }), 'go');
  for (const h of text.matchAll(GO_HELPER)) {
    if (!new RegExp(`os\\.(Getenv|LookupEnv)\\(\\s*${h[2]}\\s*\\)`).test(h[3])) continue;
    const calls = new RegExp(`\\b${h[1]}\\(\\s*"([A-Za-z_][A-Za-z0-9_]*)"\\s*(,)?`, 'g');
    reads.push(...scan(text, '//', calls, (m) => ({ name: m[1], fallback: m[2] === ',' }), 'go'));
  }
  return reads;
}

function scan(text: string, comment: string, re: RegExp, pick: (m: RegExpMatchArray) => { name: string; fallback: boolean }, via: 'python' | 'go' | 'spring'): RawRead[] {
  const out: RawRead[] = [];
  for (const { m, line } of matches(text, comment, re)) {
    const { name, fallback } = pick(m);
    if (isEnvName(name)) out.push({ name, line, via, receiver: 'process', fallback });
  }
  return out;
}

/** Matches over the whole text (a call's argument may be on the next line), with their lines, outside comment lines. */
function matches(text: string, comment: string, re: RegExp): { m: RegExpMatchArray; line: number }[] {
  const out: { m: RegExpMatchArray; line: number }[] = [];
  let line = 1;
  let from = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    for (let i = text.indexOf('\n', from); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      from = i + 1;
    }
    if (!text.slice(from, at).trimStart().startsWith(comment)) out.push({ m, line });
  }
  return out;
}

/**
 * AWS CDK in Python: `environment={"X": …}` on any construct and `fn.add_environment("X", …)`. A CDK app in Python
 * with Lambdas in Python is common; without this its Lambdas' variables would read "set nowhere".
 */
export function pythonCdkSets(text: string): { name: string; line: number; owner?: string }[] {
  if (!/\baws_cdk\b/.test(text)) return [];
  const out: { name: string; line: number; owner?: string }[] = [];
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  for (const m of text.matchAll(/\benvironment\s*=\s*\{/g)) {
    // The dict runs to its matching brace; its keys are the quoted strings followed by a colon at depth 1.
    let depth = 0;
    let end = m.index! + m[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    const body = text.slice(m.index! + m[0].length, end);
    let level = 0;
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c === '{' || c === '[' || c === '(') level++;
      else if (c === '}' || c === ']' || c === ')') level--;
      else if (level === 0 && (c === '"' || c === "'")) {
        const key = new RegExp(`^${c}([A-Za-z_][A-Za-z0-9_]*)${c}\\s*:`).exec(body.slice(i));
        if (key) out.push({ name: key[1], line: lineAt(m.index! + m[0].length + i) });
        const close = body.indexOf(c, i + 1);
        if (close !== -1) i = close;
      }
    }
  }
  for (const m of text.matchAll(/\.add_environment\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g)) out.push({ name: m[1], line: lineAt(m.index!) });
  return out.filter((s) => isEnvName(s.name));
}

/** Spring Boot configuration: `src/main/resources/application.properties`, `application-prod.yml`. */
export const SPRING_CONFIG = /(^|\/)src\/main\/resources\/application(-[\w.-]+)?\.(properties|ya?ml)$/;
const SPRING_PLACEHOLDER = /\$\{([A-Z_][A-Z0-9_]*)(:)?/g;

/** `sqs.endpoint.uri=${SQS_ENDPOINT_URL}`: Spring resolves the placeholder from the environment; `${X:default}` has a fallback. */
export function springReads(text: string): RawRead[] {
  return scan(text, '#', SPRING_PLACEHOLDER, (m) => ({ name: m[1], fallback: m[2] === ':' }), 'spring');
}
