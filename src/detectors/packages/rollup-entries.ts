/**
 * The entries a Rollup config builds, read from its syntax tree (never executed): every `input` of an options object
 * (a string, an array, or a name → source map like `{ index: 'src/index.ts', 'serverless-plugin': 'src/x/plugin.ts' }`)
 * with its `output` (`dir`, `file`, `entryFileNames`). Configs often build their options in functions
 * (`output: { dir: \`${dest}/mjs\` }`): an output folder the tree does not give is unknown, and the entry then builds
 * `<any build folder>/<name>.js` (`anyDir`), which is how `dist/mjs/index.js` and `dist/cjs/index.js` link to
 * `src/index.ts`.
 */
import { constantsOf, property, propertyNameText } from '../shared/ast.js';
import { ts, walk } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { deref, text, type RawBundlerEntry } from './bundler-entries.js';

const EXT = /\.[cm]?[jt]sx?$/;

/** An output of the options object: a folder and a file-name pattern, or one file; undefined when not static. */
type Output = { dir: string; names: string } | { file: string };

export function readRollupConfig(index: RepoIndex, file: string): RawBundlerEntry[] {
  const sf = index.parse(file);
  if (!sf) return [];
  const constants = constantsOf(sf);
  const out: RawBundlerEntry[] = [];
  const line = (n: ts.Node) => index.lineAt(file, n.getStart(sf)) ?? 1;
  walk(sf, (node) => {
    if (!ts.isPropertyAssignment(node) || propertyNameText(node.name) !== 'input' || !ts.isObjectLiteralExpression(node.parent)) return undefined;
    const input = deref(node.initializer, constants);
    if (!input) return undefined;
    const sources: { name: string; source: string; at: ts.Node }[] = [];
    if (ts.isObjectLiteralExpression(input)) {
      for (const p of input.properties) {
        const name = ts.isPropertyAssignment(p) ? propertyNameText(p.name) : undefined;
        const source = ts.isPropertyAssignment(p) ? text(p.initializer, constants) : undefined;
        if (name && source && !source.includes('*')) sources.push({ name, source, at: p });
      }
    } else {
      // Rollup names a string or array input by its file name (`src/cli/main.ts` → `main`).
      for (const n of ts.isArrayLiteralExpression(input) ? [...input.elements] : [input]) {
        const source = text(n, constants);
        if (source && !source.includes('*')) sources.push({ name: source.replace(/^.*\//, '').replace(EXT, ''), source, at: n });
      }
    }
    const outputs = outputsOf(deref(property(node.parent, 'output'), constants), constants);
    for (const s of sources) {
      const source = s.source.replace(/^\.\//, '');
      // A single file whose path the tree does not give (`file: \`${dest}/cli/index.cjs\``): its name is unknown.
      if (outputs === 'unknown file') continue;
      if (outputs === undefined) {
        out.push({ name: s.name, source, outDir: '', formatSuffix: false, line: line(s.at), anyDir: true });
        continue;
      }
      for (const o of outputs) {
        // `output.file` names the one output of a single input.
        if ('file' in o) {
          if (sources.length === 1) out.push({ name: o.file.replace(/^\.\//, '').replace(EXT, ''), source, outDir: '', formatSuffix: false, line: line(s.at) });
        } else out.push({ name: o.names.replace('[name]', s.name).replace(EXT, ''), source, outDir: o.dir, formatSuffix: false, line: line(s.at) });
      }
    }
    return undefined;
  });
  return out;
}

/** The options object's outputs, or undefined when any is not static (a folder built from a parameter, a hash). */
function outputsOf(e: ts.Expression | undefined, constants: Map<string, ts.Expression>): Output[] | 'unknown file' | undefined {
  if (!e) return [{ dir: '', names: '[name].js' }];
  const list = ts.isArrayLiteralExpression(e) ? e.elements.map((x) => deref(x, constants)) : [e];
  const outputs: Output[] = [];
  for (const o of list) {
    if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
    const fileProp = property(o, 'file');
    if (fileProp) {
      const file = text(fileProp, constants);
      if (!file) return 'unknown file';
      outputs.push({ file });
      continue;
    }
    const dirProp = property(o, 'dir');
    const dir = dirProp ? text(dirProp, constants) : '';
    const namesProp = property(o, 'entryFileNames');
    const names = namesProp ? text(namesProp, constants) : '[name].js';
    if (dir === undefined || names === undefined || !names.includes('[name]') || /\[(?!name\]|extname\])/.test(names)) return undefined;
    outputs.push({ dir: dir.replace(/^\.\//, '').replace(/\/$/, ''), names: names.replace('[extname]', '.js') });
  }
  return outputs;
}
