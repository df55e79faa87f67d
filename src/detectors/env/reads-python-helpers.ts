/**
 * Python env helpers defined in the module that calls them: `def _get_required_env(name): value = os.environ.get(name,
 * ""); if not value: raise RuntimeError(…)`, then `_get_required_env("EVENTS_TABLE_NAME")`. The read names no variable
 * at the `os.environ` call, so without this every variable a Lambda reads this way would be "not read". The literal
 * first argument at each call is the variable (its line is the call's); a helper that raises or exits when the value is
 * unset or empty makes the read required, one that returns a default gives it a fallback. Text only, as for Go's
 * helpers: a Python file is never parsed.
 */
import { isEnvName } from './names.js';
import type { RawRead } from './raw-reads.js';

/** `def name(params) -> T:` at any indent; the parameters may run over several lines. */
const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(([^)]*)\)[^:\n]*:[^\n]*\n/gm;

interface PythonHelper {
  readonly name: string;
  readonly failsWhenUnset: boolean;
  readonly fallback: boolean;
}

export function pythonHelperReads(text: string): RawRead[] {
  const out: RawRead[] = [];
  for (const helper of pythonHelpers(text)) {
    // `self._env("X")` for a method; not `other.get_env("X")` (another object's helper) nor `def get_env(`.
    const call = new RegExp(`(^|[^\\w.]|\\b(?:self|cls)\\.)${helper.name}\\(\\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\\2\\s*(,)?`, 'g');
    for (const m of text.matchAll(call)) {
      if (!isEnvName(m[3])) continue;
      const at = (m.index ?? 0) + m[1].length;
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const before = text.slice(start, at);
      if (/^\s*#/.test(before) || /\bdef\s+$/.test(before)) continue;
      const line = text.slice(0, at).split('\n').length;
      // A further argument is the caller's default (`get_env("X", "dev")`): the read copes when unset.
      const fallback = helper.fallback || m[4] === ',';
      const required = helper.failsWhenUnset && !fallback ? { required: /^\s/.test(before) ? ('check' as const) : ('guard' as const), requiredBy: helper.name } : {};
      out.push({ name: m[3], line, via: 'python', receiver: 'process', fallback, ...required });
    }
  }
  return out;
}

/** A read whose key is a name, not a literal (`os.environ.get(name`): no helper without one, so most files stop here. */
const KEYED_BY_NAME = /\b(?:environ\.get|getenv)\(\s*[A-Za-z_]|\benviron\s*\[\s*[A-Za-z_]/;

function pythonHelpers(text: string): PythonHelper[] {
  const out: PythonHelper[] = [];
  if (!KEYED_BY_NAME.test(text)) return out;
  for (const d of text.matchAll(DEF)) {
    // The first positional parameter names the variable (after `self`/`cls` for a method).
    const params = d[3].split(',').map((p) => p.trim().split(/[\s:=]/)[0]).filter((p) => p && !p.startsWith('*') && p !== '/');
    const param = params[0] === 'self' || params[0] === 'cls' ? params[1] : params[0];
    if (!param) continue;
    const body = bodyOf(text, (d.index ?? 0) + d[0].length, d[1].length);
    const p = param.replace(/\W/g, '');
    const access = new RegExp(`\\b(?:os\\.)?(?:environ\\.get|getenv)\\(\\s*${p}\\s*(?:,\\s*([^)\\n]*?))?\\s*\\)|\\b(?:os\\.)?environ\\s*\\[\\s*${p}\\s*\\](?!\\s*=(?!=))`).exec(body);
    if (!access) continue;
    const subscript = access[0].includes('[');
    // `os.environ[name]` raises KeyError when unset, unless the helper catches it.
    const caught = /\bexcept\b/.test(body);
    const accessLine = body.slice(body.lastIndexOf('\n', access.index) + 1, body.indexOf('\n', access.index) === -1 ? undefined : body.indexOf('\n', access.index));
    const holder = /^\s*(\w+)\s*(?::[^=]+)?=(?!=)/.exec(accessLine)?.[1];
    const checks = failsOnUnset(body, holder, p);
    // `os.environ.get(name, "x")`, `… or "x"`: the helper's own default, unless it then raises on an empty value.
    // A parameter there is the caller's default (`def env(name, default=None)`): the call decides.
    const own = access[1]?.trim();
    // As for a literal read, any default counts (`os.environ.get("X", "")` has a fallback), unless the helper raises.
    const defaulted = (!!own && !params.includes(own)) || orElse(body.slice(access.index + access[0].length), params);
    const failsWhenUnset = checks || (subscript && !caught);
    out.push({ name: d[2], failsWhenUnset, fallback: !failsWhenUnset && defaulted });
  }
  return out;
}

/** `… or "x"` after the read: a default of the helper's own, not a parameter's (`or default`: the caller's). */
function orElse(after: string, params: readonly string[]): boolean {
  const m = /^\s*or\s+(\w+)?/.exec(after);
  return !!m && !(m[1] && params.includes(m[1]));
}

/** The function's body: the lines after the `def` indented deeper than it (blank lines and comments included). */
function bodyOf(text: string, from: number, indent: number): string {
  let end = from;
  while (end < text.length) {
    const next = text.indexOf('\n', end);
    const line = text.slice(end, next === -1 ? text.length : next);
    if (line.trim() && !line.trim().startsWith('#') && (line.length - line.trimStart().length) <= indent) break;
    end = next === -1 ? text.length : next + 1;
  }
  return text.slice(from, end);
}

/**
 * `if not value: raise …`, `if value is None: sys.exit(1)`, `if name not in os.environ: raise`: a test of the value
 * being unset (or empty) whose branch raises or exits, on the same line or the next.
 */
function failsOnUnset(body: string, holder: string | undefined, param: string): boolean {
  const tests: string[] = [`${param}\\s+not\\s+in\\s+(?:os\\.)?environ\\b`];
  if (holder) tests.push(`not\\s+\\(?\\s*${holder}\\b`, `${holder}\\s+is\\s+None\\b`, `${holder}\\s*==\\s*(?:""|''|None)`, `len\\(\\s*${holder}\\s*\\)\\s*==\\s*0`);
  return new RegExp(`^[ \\t]*if\\s+(?:${tests.join('|')})[^\\n]*:[ \\t]*(?:#[^\\n]*)?(?:\\n[ \\t]*)?(raise\\b|(?:sys\\.)?exit\\()`, 'm').test(body);
}
