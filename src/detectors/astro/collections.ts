/** Astro content collections read from `src/content/config.ts` or `src/content.config.ts`, never imported. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { globToRegExp } from '../../scan/glob.js';
import { ts, lineOf } from '../../scan/ts.js';
import { schemaFields, type CollectionField } from './schema-fields.js';
import { constantsOf, dottedName, importsOf, lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import { oneLine } from '../../markdown/text.js';
import { clip } from '../../secrets/clip.js';

export type { CollectionField } from './schema-fields.js';

export interface AstroCollection {
  readonly name: string;
  readonly type?: string;
  /** `glob`, `file` or another loader's name (Astro 5 Content Layer); `(inline function)` for one written in place. */
  readonly loader?: string;
  /** The package or file a custom loader is imported from (`@astrojs/starlight/loaders`). */
  readonly loaderFrom?: string;
  /** False when the loader is not a call (`loader: feedLoader`, an inline function or object). */
  readonly loaderCalled?: false;
  /** Line of the `loader:` option. */
  readonly loaderLine?: number;
  readonly fields: readonly CollectionField[];
  /** The schema's base as written when it cannot be read here (`sharedSchema` imported): `fields` are only its additions. */
  readonly fieldsAlsoFrom?: string;
  /** The schema as written when no field of it could be read (so "—" would claim too much). */
  readonly schemaAs?: string;
  /** Folder holding the entries, repo-relative, when it exists. */
  readonly folder?: string;
  /**
   * Entry files in `folder` (matching the glob). Absent when the loader's files cannot be known statically (a custom
   * loader, a glob whose base is computed, a folder not in the repository): then nothing is claimed about a count.
   */
  readonly entries?: number;
  readonly sampleEntries: readonly string[];
  readonly file: string;
  readonly line: number;
}

const CONFIGS = ['src/content/config', 'src/content.config'].flatMap((b) => ['ts', 'mts', 'js', 'mjs'].map((e) => `${b}.${e}`));

export function collectionConfig(index: RepoIndex, appDir: string): string | undefined {
  return CONFIGS.map((c) => (appDir ? `${appDir}/${c}` : c)).find((f) => index.has(f));
}

export function readCollections(index: RepoIndex, appDir: string, file: string): AstroCollection[] {
  const sf = index.parse(file);
  if (!sf) return [];
  const constants = constantsOf(sf);
  const list = constants.get('collections');
  if (!list || !ts.isObjectLiteralExpression(list)) return [];
  const out: AstroCollection[] = [];
  for (const prop of list.properties) {
    let name: string | undefined;
    let value: ts.Expression | undefined;
    if (ts.isShorthandPropertyAssignment(prop)) {
      name = prop.name.text;
      value = constants.get(name);
    } else if (ts.isPropertyAssignment(prop)) {
      name = propertyNameText(prop.name);
      value = ts.isIdentifier(prop.initializer) ? constants.get(prop.initializer.text) : prop.initializer;
    }
    if (!name || !value || !ts.isCallExpression(value)) continue;
    out.push(readCollection(index, appDir, name, value, constants, file));
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function readCollection(
  index: RepoIndex,
  appDir: string,
  name: string,
  call: ts.CallExpression,
  constants: Map<string, ts.Expression>,
  file: string,
): AstroCollection {
  const options = call.arguments[0];
  const type = staticString(property(options, 'type'), constants)?.text;
  const loaderCall = property(options, 'loader');
  const inline = !!loaderCall && (ts.isArrowFunction(loaderCall) || ts.isFunctionExpression(loaderCall) || ts.isObjectLiteralExpression(loaderCall));
  const loader = loaderCall && ts.isCallExpression(loaderCall) ? lastName(loaderCall.expression) : inline ? '(inline function)' : loaderCall ? clip(oneLine(loaderCall.getText()), 40) : undefined;
  const root = loaderCall && ts.isCallExpression(loaderCall) ? loaderCall.expression : loaderCall;
  const rootName = root && ts.isIdentifier(root) ? root.text : root && ts.isPropertyAccessExpression(root) ? dottedName(root)?.split('.')[0] : undefined;
  const loaderFrom = rootName ? importsOf(call.getSourceFile()).get(rootName)?.module : undefined;
  const schema = schemaFields(property(options, 'schema'), constants);
  const fields = schema.fields;
  const at = (p: string) => (appDir ? `${appDir}/${p}` : p).replace(/\/$/, '');
  let folder: string | undefined;
  let match: RegExp | undefined;
  if (!loaderCall) folder = at(`src/content/${name}`);
  else if (loaderCall && ts.isCallExpression(loaderCall) && loader === 'glob') {
    const base = staticString(property(loaderCall.arguments[0], 'base'), constants);
    const patternExpr = property(loaderCall.arguments[0], 'pattern');
    const patterns = (patternExpr && ts.isArrayLiteralExpression(patternExpr) ? [...patternExpr.elements] : [patternExpr])
      .map((p) => staticString(p, constants))
      .filter((p) => p?.resolved)
      .map((p) => globToRegExp(p!.text));
    if (base?.resolved) folder = at(base.text.replace(/^\.\//, ''));
    if (patterns.length) match = new RegExp(patterns.map((r) => r.source).join('|'));
  } else if (loaderCall && ts.isCallExpression(loaderCall) && loader === 'file') {
    const path = staticString(loaderCall.arguments[0], constants);
    if (path?.resolved && index.has(at(path.text.replace(/^\.\//, '')))) folder = at(path.text.replace(/^\.\//, ''));
  } else if (loader === 'docsLoader' && loaderFrom === '@astrojs/starlight/loaders') {
    // Starlight's docs loader globs Markdown and MDX under `src/content/docs` (its documented, fixed location).
    folder = at('src/content/docs');
    match = /\.(md|mdx|mdoc)$/;
  }
  let entries: string[] | undefined;
  if (folder && index.hasDir(folder)) {
    entries = index
      .filesUnder(folder)
      .filter((f) => /\.(md|mdx|markdown|json|ya?ml|toml|mdoc)$/.test(f))
      .filter((f) => !match || match.test(f.slice(folder!.length + 1)));
  } else if (folder && index.has(folder)) entries = [folder];
  else if (folder) {
    // A folder the repository does not hold: not "0 entries" — it may be generated or fetched at build time.
    folder = undefined;
  }
  return {
    name,
    type,
    loader,
    ...(loaderFrom ? { loaderFrom } : {}),
    ...(loaderCall ? { loaderLine: lineOf(loaderCall) } : {}),
    ...(loaderCall && !ts.isCallExpression(loaderCall) ? { loaderCalled: false } : {}),
    fields,
    ...(schema.alsoFrom ? { fieldsAlsoFrom: schema.alsoFrom } : {}),
    ...(schema.unread ? { schemaAs: schema.unread } : {}),
    folder,
    ...(entries ? { entries: entries.length } : {}),
    sampleEntries: (entries ?? []).slice(0, 3),
    file,
    line: lineOf(call),
  };
}
