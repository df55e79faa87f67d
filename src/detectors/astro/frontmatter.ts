/**
 * `.astro` files are a TypeScript frontmatter between `---` fences followed by a template. The frontmatter is parsed
 * as TypeScript (once per index, like `index.parse`), with its line numbers kept equal to the file's.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { parseSource, ts } from '../../scan/ts.js';
import { get, parseYaml, scalar } from '../../scan/yaml.js';
import { mdxEsmText } from '../shared/mdx-esm.js';

const trees = new WeakMap<RepoIndex, Map<string, ts.SourceFile | null>>();

/** The frontmatter text of an `.astro`/`.md`/`.mdx` file with the lines before it blanked, or undefined. */
export function frontmatterText(text: string): string | undefined {
  const m = /^(\uFEFF?\s*)---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (!m) return undefined;
  const before = m[1].split('\n').length - 1;
  return `${'\n'.repeat(before + 1)}${m[2]}`;
}

/**
 * The text of an `.astro`/`.mdx` file with the template's HTML and JSX comments blanked, lines kept:
 * a commented-out `<Island client:only="react" />` renders nothing. The frontmatter is left as it is.
 */
export function templateWithoutComments(text: string): string {
  const m = /^(\uFEFF?\s*)---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  const start = m ? m[0].length : 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.slice(0, start) + text.slice(start).replace(/<!--[\s\S]*?(?:-->|$)|\{\s*\/\*[\s\S]*?\*\/\s*\}/g, blank);
}

/** A `.astro` file's frontmatter (an `.mdx` file's import/export lines) as a syntax tree (empty when it has none). */
export function parseAstro(index: RepoIndex, file: string): ts.SourceFile | undefined {
  let byFile = trees.get(index);
  if (!byFile) {
    byFile = new Map();
    trees.set(index, byFile);
  }
  const cached = byFile.get(file);
  if (cached !== undefined) return cached ?? undefined;
  const text = index.read(file);
  // An `.mdx` file's code is its top-level import/export lines (JSX allowed), not a frontmatter.
  const code = text === undefined ? undefined : file.endsWith('.mdx') ? mdxEsmText(text) : frontmatterText(text) ?? '';
  const tree = code === undefined ? null : file.endsWith('.mdx') ? parseSource(`${file}.tsx`, code, ts.ScriptKind.TSX) : parseSource(`${file}.ts`, code, ts.ScriptKind.TS);
  byFile.set(file, tree);
  return tree ?? undefined;
}

/** Any module whose imports we can read: TS/JS sources through the index, `.astro` through its frontmatter. */
export function parseModule(index: RepoIndex, file: string): ts.SourceFile | undefined {
  return file.endsWith('.astro') || file.endsWith('.mdx') ? parseAstro(index, file) : index.parse(file);
}

/** A top-level YAML key of a markdown page's frontmatter (`layout: ../layouts/Post.astro`), as a plain string. */
export function yamlKey(text: string, key: string): string | undefined {
  const fm = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!fm) return undefined;
  // Only pages whose frontmatter names the key are parsed (the YAML module; a broken frontmatter reads as far as it can).
  // Indented keys are still top-level when every key is indented alike (`  layout: …`, valid YAML): the parse decides.
  if (!new RegExp(`^[ \\t]*${key}\\s*:`, 'm').test(fm[1])) return undefined;
  return scalar(get(parseYaml(fm[1]).root, key));
}
