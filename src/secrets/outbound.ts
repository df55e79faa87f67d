/**
 * The one redaction pass for everything that leaves the process: PROJECT-CONTEXT.md, the screen, `--json`,
 * `--check` (text and JSON), the state file, stdout and stderr, and any future server (MCP). Two entry points, one
 * rule set:
 *
 * - `redactText` for text: terminal escapes, control and invisible characters removed (`plain`), then secrets
 *   (provider key formats, credentials in commands, secret assignments, passwords in URLs, random-looking strings).
 * - `redactData` / `redactFacts` for JSON data: every string as above, and under an environment key (`environment`,
 *   `env`, …) the values of variables by the env rule (env-values.ts): names stay, literal values never leave.
 *
 * Facts are redacted as they leave the analysis (`Analysis.run`), so no step, report or digest ever holds a raw one;
 * the text pass runs again where text is printed or written. Both are idempotent.
 */
import type { Fact } from '../facts.js';
import { plain, SUSPECT } from '../markdown/text.js';
import { ENV_KEY, redactEnvText, redactEnvValue } from './env-values.js';
import { redactKnownFormats } from './known-formats.js';
import { mayHoldSecret, redactSecrets } from './redact.js';

export interface RedactOptions {
  /**
   * True for a path the repository has. Such a path keeps its text (only provider key formats are removed, and the
   * index never lists a file named with one): a random-looking file name is not a secret, and a cited path must exist.
   */
  readonly isPath?: (path: string) => boolean;
}

/** Inline code spans that start with `/`: repository paths by the convention every step follows (`/a/b.ts:12`). */
const CITED = /`(\/[^`\s:*{}<>|]+?)(?::(\d+))?`/g;

/** Text for a file, the screen or a stream. Verified path citations keep their text. */
export function redactText(text: string, options: RedactOptions = {}): string {
  const clean = plain(text);
  const { isPath } = options;
  if (!isPath || !clean.includes('`/')) return redactSecrets(clean);
  const kept: string[] = [];
  const masked = clean.replace(CITED, (span: string, file: string) => {
    const f = file.slice(1).replace(/\/$/, '');
    if (f !== '' && !isPath(f)) return span;
    kept.push(redactKnownFormats(span));
    return `\u27e6${kept.length - 1}\u27e7`;
  });
  return redactSecrets(masked).replace(/\u27e6(\d+)\u27e7/g, (m, n: string) => kept[Number(n)] ?? m);
}

/**
 * Text the user wrote (an edit saved by their editor) or a state file holds: the same pass, trusting the path
 * citations in it (only provider key formats are removed from them), since the user may cite what they like.
 */
export function userText(text: string): string {
  return redactText(text, { isPath: () => true });
}

/**
 * Strings no rule can match, whatever the options: paths and names repeat across facts and detectors (a file's path in
 * every fact about it), and a set lookup costs less than the rules' regular expressions. Bounded; cleared when full.
 */
const clean = new Set<string>();
const CLEAN_MAX = 200_000;

/** One string of fact data or a report. Strings repeat (paths, names, kinds): each is redacted once per batch. */
class StringRedactor {
  private readonly done = new Map<string, string>();
  constructor(private readonly options: RedactOptions) {}

  text(s: string): string {
    if (clean.has(s)) return s;
    // Most strings are names and paths that no rule can match: no copy.
    if (!mayHoldSecret(s) && !SUSPECT.test(s)) {
      if (clean.size >= CLEAN_MAX) clean.clear();
      clean.add(s);
      return s;
    }
    let out = this.done.get(s);
    if (out === undefined) {
      out = this.options.isPath?.(s) ? redactKnownFormats(plain(s)) : redactSecrets(plain(s));
      if (this.done.size > 100_000) this.done.clear();
      this.done.set(s, out);
    }
    return out;
  }
}

type Context = 'none' | 'env' | 'env-record';

/** The value with every string redacted; the same object when nothing in it changed (most fact data), else a copy. */
function walk(value: unknown, context: Context, r: StringRedactor): unknown {
  if (typeof value === 'string') {
    if (context === 'env') return r.text(redactEnvText(value));
    if (context === 'env-record') return r.text(redactEnvValue(value));
    return r.text(value);
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // A list under an environment key: `{ name, value }` entries, `NAME=value` strings, or names.
      const next =
        context !== 'none' && isEnvEntry(item)
          ? walkRecord({ ...item, value: redactEnvValue(item.value) }, 'none', r)
          : walk(item, context !== 'none' && typeof item === 'string' ? 'env' : 'none', r);
      if (next !== item) (out ??= value.slice())[i] = next;
    }
    return out ?? value;
  }
  if (value && typeof value === 'object') return walkRecord(value as Record<string, unknown>, context === 'env' ? 'env-record' : 'none', r);
  return value;
}

function walkRecord(record: Record<string, unknown>, context: 'none' | 'env-record', r: StringRedactor): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in record) {
    const v = record[key];
    // Under an environment key, an object maps names to values.
    const next = walk(v, ENV_KEY.test(key) ? 'env' : context === 'env-record' && typeof v === 'string' ? 'env-record' : 'none', r);
    if (next !== v) (out ??= { ...record })[key] = next;
  }
  return out ?? record;
}

function isEnvEntry(item: unknown): item is { name: string; value: string } {
  return !!item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' && typeof (item as { value?: unknown }).value === 'string';
}

/** Plain JSON data (a report, fact data) with every string redacted, keeping the shape (a copy where anything changed). */
export function redactData<T>(value: T, options: RedactOptions = {}): T {
  return walk(value, 'none', new StringRedactor(options)) as T;
}

/** Facts already redacted, and the redacted copy of each raw fact: facts are shared by several steps. */
const redactedFacts = new WeakSet<Fact>();
const copies = new WeakMap<Fact, Fact>();

/**
 * Facts as they leave the analysis: id and data redacted (kind and citations are ours). Idempotent and cheap on
 * facts already redacted, so any sink may call it again.
 */
export function redactFacts(facts: readonly Fact[], options: RedactOptions = {}): Fact[] {
  const r = new StringRedactor(options);
  return facts.map((fact) => {
    if (redactedFacts.has(fact)) return fact;
    let copy = copies.get(fact);
    if (!copy) {
      const id = r.text(fact.id);
      const data = walk(fact.data, 'none', r) as Fact['data'];
      copy = id === fact.id && data === fact.data ? fact : { ...fact, id, data };
      copies.set(fact, copy);
      redactedFacts.add(copy);
    }
    return copy;
  });
}
