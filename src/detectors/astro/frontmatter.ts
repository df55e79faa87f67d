/**
 * `.astro` files are a TypeScript frontmatter between `---` fences followed by a template. The frontmatter is parsed
 * as TypeScript (once per index, like `index.parse`), with its line numbers kept equal to the file's.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { parseSource, ts } from '../../scan/ts.js';
import { get, parseYaml, scalar } from '../../scan/yaml.js';

const trees = new WeakMap<RepoIndex, Map<string, ts.SourceFile | null>>();

/** The frontmatter text of an `.astro`/`.md`/`.mdx` file with the lines before it blanked, or undefined. */
export function frontmatterText(text: string): string | undefined {
  const m = /^(\uFEFF?\s*)---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (!m) return undefined;
  const before = m[1].split('\n').length - 1;
  return `${'\n'.repeat(before + 1)}${m[2]}`;
}

/** A `.astro` file's frontmatter as a syntax tree (an empty tree when it has none). */
export function parseAstro(index: RepoIndex, file: string): ts.SourceFile | undefined {
  let byFile = trees.get(index);
  if (!byFile) {
    byFile = new Map();
    trees.set(index, byFile);
  }
  const cached = byFile.get(file);
  if (cached !== undefined) return cached ?? undefined;
  const text = index.read(file);
  const tree = text === undefined ? null : parseSource(`${file}.ts`, frontmatterText(text) ?? '', ts.ScriptKind.TS);
  byFile.set(file, tree);
  return tree ?? undefined;
}

/** Any module whose imports we can read: TS/JS sources through the index, `.astro` through its frontmatter. */
export function parseModule(index: RepoIndex, file: string): ts.SourceFile | undefined {
  return file.endsWith('.astro') ? parseAstro(index, file) : index.parse(file);
}

/** A top-level YAML key of a markdown page's frontmatter (`layout: ../layouts/Post.astro`), as a plain string. */
export function yamlKey(text: string, key: string): string | undefined {
  const fm = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!fm) return undefined;
  // Only pages whose frontmatter names the key are parsed (the YAML module; a broken frontmatter reads as far as it can).
  if (!new RegExp(`^${key}\\s*:`, 'm').test(fm[1])) return undefined;
  return scalar(get(parseYaml(fm[1]).root, key));
}
