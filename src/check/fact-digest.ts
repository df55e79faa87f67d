import { hash as oneShotHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Fact } from '../facts.js';

/**
 * A compact identity of each fact a section was built from: kind, id and a short hash of its data and cited files.
 * `--check` compares the recorded entries with the facts found in the code today to say what was added, removed or
 * altered. They are kept in the fact record beside the output (fact-record.ts). Files written by earlier versions
 * carry them inside each block, as a hidden `<!-- project-context:facts v1 … -->` line: `readDigest` still reads those.
 */
export interface DigestEntry {
  readonly kind: string;
  readonly id: string;
  /** Short hash of the fact's data and cited files, without line numbers (moving code is not a change). */
  readonly hash: string;
  /** The first cited file, for the report. */
  readonly file?: string;
}

const PREFIX = '<!-- project-context:facts v1 ';
const LINE = /^<!-- project-context:facts v1 ([A-Za-z0-9_-]+) -->[ \t]*$/m;

/** Facts are immutable and shared between steps (the CDK facts feed five of them): each is hashed once per run. */
const factHashes = new WeakMap<Fact, string>();

function factHash(fact: Fact, files: readonly string[]): string {
  let hash = factHashes.get(fact);
  if (hash === undefined) {
    // One-shot hashing of the joined text: the same digest as feeding the parts to a Hash, at half the cost per fact.
    hash = oneShotHash('sha256', `${stableJson(fact.data)}\u0000${files.join('\u0000')}`, 'hex').slice(0, 10);
    factHashes.set(fact, hash);
  }
  return hash;
}

export function digestOf(facts: readonly Fact[]): DigestEntry[] {
  const entries = new Map<string, DigestEntry>();
  for (const fact of facts) {
    // Ids are written into the file: facts leave the analysis redacted (src/secrets/outbound.ts), ids included, so
    // `--check` compares the code's facts with the recorded ones under the same ids.
    const id = fact.id;
    const key = `${fact.kind}\u0000${id}`;
    const files = [...new Set(fact.at.map((c) => c.file))].sort();
    const hash = factHash(fact, files);
    const previous = entries.get(key);
    // Two facts with one identity (rare): combine, so the entry still changes when either does.
    entries.set(key, { kind: fact.kind, id, hash: previous ? combine(previous.hash, hash) : hash, file: previous?.file ?? files[0] });
  }
  return [...entries.values()].sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind.localeCompare(b.kind)));
}

/**
 * The digest of a generated section: computed where its facts are (the analysis worker sends the digest, not the
 * facts, so the terminal thread never holds a copy of a big step's facts), or from the facts in a one-thread run.
 */
export function digestOfSection(section: { readonly facts: readonly Fact[]; readonly digest?: readonly DigestEntry[] }): readonly DigestEntry[] {
  return section.digest ?? digestOf(section.facts);
}

/** The hidden line earlier versions appended to a block (kept to read and to test files they wrote). */
export function digestLine(entries: readonly DigestEntry[]): string {
  const rows = entries.map((e) => [e.kind, e.id, e.hash, e.file ?? '']);
  const packed = deflateRawSync(Buffer.from(JSON.stringify(rows), 'utf8'), { level: 6 }).toString('base64url');
  return `${PREFIX}${packed} -->`;
}

/** A block as earlier versions wrote it: the reviewed markdown plus its digest line. */
export function withDigest(markdown: string, facts: readonly Fact[]): string {
  return `${stripDigest(markdown).trimEnd()}\n\n${digestLine(digestOf(facts))}\n`;
}

/** The digest recorded in a block, or undefined when it has none (written by an older version) or it is damaged. */
export function readDigest(body: string): DigestEntry[] | undefined {
  const m = LINE.exec(body);
  if (!m) return undefined;
  try {
    const rows = JSON.parse(inflateRawSync(Buffer.from(m[1], 'base64url')).toString('utf8')) as unknown;
    if (!Array.isArray(rows)) return undefined;
    return rows
      .filter((r): r is string[] => Array.isArray(r) && r.length >= 3 && r.every((x) => typeof x === 'string'))
      .map(([kind, id, hash, file]) => ({ kind, id, hash, file: file || undefined }));
  } catch {
    return undefined;
  }
}

export function stripDigest(body: string): string {
  const text = body.includes(PREFIX) ? body.replace(LINE, '') : body;
  // At most two trailing line breaks (where the digest line was); a loop, as /\n{3,}$/ retries at every line break.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.length - end > 2 ? `${text.slice(0, end)}\n\n` : text;
}

/** Keys left out of the hash: moving code is not a change. */
const LINE_KEYS = new Set(['line', 'lines', 'endLine', 'column']);

/** JSON with sorted keys, without undefined members and without line keys at any depth; one pass, no copies. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    // Lists of names and paths (a dependency's importers, a Lambda's files) are most of the data: the native
    // serialiser writes them the same way (`undefined` as `null`), several times faster.
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableJson(value[i]);
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys: string[] = [];
    for (const k in record) if (record[k] !== undefined && !LINE_KEYS.has(k)) keys.push(k);
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let out = '{';
    for (let i = 0; i < keys.length; i++) out += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${stableJson(record[keys[i]])}`;
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function combine(a: string, b: string): string {
  return oneShotHash('sha256', `${a}${b}`, 'hex').slice(0, 10);
}
