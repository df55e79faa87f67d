/**
 * Where an environment-variable-shaped name appears in the repository's text, apart from what the detectors
 * understood. It backs the negative claims about variables: "set nowhere" is not printed while a compose file, a
 * Dockerfile or a Makefile names the variable, and "not read by the code" not while a source file names it (a config
 * module, a zod schema, a helper the env detector does not follow).
 */
import type { Citation } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';

export interface EnvMentions {
  /** Source files that name the variable (reads the env detector may not have recognised). */
  code(name: string): { what: string; at: Citation }[];
  /** Settings files that name it: compose, Dockerfiles, Kubernetes, Makefiles, shell scripts, CI, TOML/JSON config. */
  settings(name: string): { what: string; at: Citation }[];
  /** README/docs lines in a fenced code block that assign it (`NAME = value`): where users are told to set it. */
  docs(name: string): { what: string; at: Citation }[];
  /**
   * Any other text file of the repository that names it, outside code and outside the files that set variables
   * (dotenv files, compose files): a server's config (`{$X}` in a Caddyfile), an Elixir or SQL file, a YAML template
   * an entrypoint fills, a test script. Not a read the map follows, but no "not read" may be said while one names it.
   * `wanted` are the names worth keeping (asked once, when the table is built): the pass is one per file.
   */
  files(name: string, wanted: () => Iterable<string>): { what: string; at: Citation }[];
}

/** The `what` of a mention in a file no env reader follows. */
export const NAMED_IN_FILE = 'named in a file no env reader of the map follows';

/** The `what` of a documented assignment; the value is never kept. */
export const DOCUMENTED = 'documented in a code block of the docs';

/** Source in any language: a CDK app's Python or Go Lambdas read the variables it sets. */
const CODE = /\.(m|c)?[jt]sx?$|\.(astro|vue|svelte|py|go|rb|java|kt|rs|php|cs)$/;
const SETTINGS =
  /(^|\/)(Dockerfile[^/]*|[^/]*[.\-_][Dd]ockerfile|Makefile|makefile|GNUmakefile|justfile|Justfile|Procfile|\.env[^/]*|[^/]+\.(ya?ml|toml|sh|bash|mk|tf|tfvars|hcl|ini|conf|cfg|properties|json|env))$/;
/**
 * Upper-case identifiers of at least three characters (`\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b|\b[A-Z]{3,}\b`): the
 * shape of nearly every environment variable name. In code, also two-character names where a variable's name stands:
 * a property key (`IP: Type.String()`, `{ TZ: … }`) or a member (`config.IP`). Alone they are too common a word (`OK`,
 * `ID` in prose) to count everywhere. Each alternative matches a whole word, so one simple pattern finds the candidate
 * words and `isName` keeps the ones of that shape: the alternation with look-arounds took four times as long over a
 * large repository's code.
 */
const UPPER_WORD = /\b[A-Z][A-Z0-9_]*\b/g;
const LETTERS = /^[A-Z]+$/;
const KEY_AFTER = /\s*:(?!:)/y;

function isName(word: string, at: number, text: string, code: boolean): boolean {
  const last = word.charCodeAt(word.length - 1);
  if (word.length >= 3) return last !== 95 /* _ */ && (word.includes('_') || LETTERS.test(word));
  if (!code || word.length !== 2 || last === 95) return false;
  if (text[at - 1] === '.') return true;
  KEY_AFTER.lastIndex = at + 2;
  return KEY_AFTER.test(text);
}
const PER_NAME = 5;

type Table = Map<string, Citation[]>;

/**
 * One table per kind, each built on its first question: step 5 asks only about code, so the settings files (JSON and
 * YAML included, often the bulk of a repository's text) are read and scanned when step 8 or 9 first asks about them.
 */
const tables = new WeakMap<RepoIndex, { code?: Table; settings?: Table; docs?: Table; files?: Table }>();

export function envMentions(index: RepoIndex): EnvMentions {
  const table = (kind: 'code' | 'settings' | 'docs' | 'files', wanted?: () => Iterable<string>): Table => {
    let t = tables.get(index);
    if (!t) tables.set(index, (t = {}));
    return (t[kind] ??= kind === 'docs' ? documented(index) : kind === 'files' ? build(index, kind, new Set(wanted?.() ?? [])) : build(index, kind));
  };
  return {
    code: (name) => (table('code').get(name) ?? []).map((at) => ({ what: 'named in code', at })),
    settings: (name) => (table('settings').get(name) ?? []).map((at) => ({ what: 'named in a settings file', at })),
    docs: (name) => (table('docs').get(name) ?? []).map((at) => ({ what: DOCUMENTED, at })),
    files: (name, wanted) => (table('files', wanted).get(name) ?? []).map((at) => ({ what: NAMED_IN_FILE, at })),
  };
}

const LOCK = /(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?|[^/]+\.lock)$/;
/**
 * Files that set variables rather than name them (dotenv, compose), prose, data that only happens to be text, and
 * `supabase/config.toml`, whose `env(X)` the Supabase config reader follows (comments included).
 */
const NOT_FILES = /(^|\/)(supabase\/config\.toml|\.env[^/]*|[^/]+\.env|(docker-|podman-)?compose([.-][\w.-]*)?\.ya?ml|CHANGELOG[^/]*|LICENSE[^/]*)$|\.(md|mdx|markdown|rst|adoc|txt|svg|csv|tsv|map|snap|lock)$/i;

function build(index: RepoIndex, kind: 'code' | 'settings' | 'files', keep?: ReadonlySet<string>): Table {
  const table: Table = new Map();
  if (keep && keep.size === 0) return table;
  for (const file of index.files) {
    const isCode = CODE.test(file) && !file.endsWith('.d.ts');
    const wanted =
      kind === 'code' ? isCode : kind === 'settings' ? !isCode && SETTINGS.test(file) && !LOCK.test(file) : !isCode && !file.endsWith('.d.ts') && !LOCK.test(file) && !NOT_FILES.test(file);
    if (!wanted) continue;
    const shell = kind === 'files' && /\.(sh|bash)$/.test(file);
    const text = index.read(file);
    if (!text) continue;
    let line = 1;
    // The first newline not yet counted: one forward pass per file. (Searching again from the current line's start
    // for every match was quadratic on long lines: a one-line JSON file with thousands of names took a second.)
    let newline = text.indexOf('\n');
    const code = kind === 'code';
    UPPER_WORD.lastIndex = 0;
    for (let m = UPPER_WORD.exec(text); m; m = UPPER_WORD.exec(text)) {
      if (!isName(m[0], m.index, text, code)) continue;
      while (newline !== -1 && newline < m.index) {
        line++;
        newline = text.indexOf('\n', newline + 1);
      }
      if (keep && !keep.has(m[0])) continue;
      // `$X` on a shell line without double quotes is the script reader's to judge (`echo '$X'` expands nothing); the
      // bare names it does not follow (`X=$(grep '^X=' .env)`) and `"…'$X'…"` (expanded: the single quotes are text)
      // are counted here.
      if (shell && (text[m.index - 1] === '$' || (text[m.index - 1] === '{' && text[m.index - 2] === '$'))) {
        const from = text.lastIndexOf('\n', m.index) + 1;
        if (!text.slice(from, newline === -1 ? text.length : newline).includes('"')) continue;
      }
      let list = table.get(m[0]);
      if (!list) table.set(m[0], (list = []));
      if (list.length < PER_NAME && !list.some((c) => c.file === file)) list.push({ file, line });
    }
  }
  return table;
}

const MARKDOWN = /\.(md|mdx|markdown)$/i;
/** `NAME = value`, `NAME=value`, `export NAME=value` at the start of a line: a `.env` block, a shell snippet. */
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\s*=/;
/** `docker run -e NAME=…`, `--env NAME="…"`, `--env=NAME=…` anywhere on a line (also a `\`-continued one). */
const ENV_FLAG = /(?:^|\s)(?:-e|--env)(?:\s+|=)["']?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)=/g;

/**
 * Names assigned in fenced code blocks of Markdown files (a README's "create a .env with …" block, a deploy guide's
 * `docker run --env NAME=…`). Only the fences are
 * read: prose mentioning a name is no instruction to set it. Markdown files without a fence are not split into lines.
 */
function documented(index: RepoIndex): Table {
  const table: Table = new Map();
  for (const file of index.files) {
    if (!MARKDOWN.test(file) || /(^|\/)(node_modules|CHANGELOG)/i.test(file)) continue;
    const text = index.read(file);
    if (!text || !text.includes('```') || !text.includes('=')) continue;
    let fenced = false;
    text.split('\n').forEach((line, i) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      else if (fenced) {
        const names = [ASSIGNMENT.exec(line)?.[1], ...(line.includes('-e') ? [...line.matchAll(ENV_FLAG)].map((m) => m[1]) : [])];
        for (const name of names) {
          if (!name || name.length < 3) continue;
          let list = table.get(name);
          if (!list) table.set(name, (list = []));
          if (list.length < PER_NAME && !list.some((c) => c.file === file)) list.push({ file, line: i + 1 });
        }
      }
    });
  }
  return table;
}
