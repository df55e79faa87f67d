/**
 * semantic-release's config (`.releaserc` as JSON or YAML, `.releaserc.{json,yaml,yml,js,cjs,mjs}`,
 * `release.config.*`): the branches it releases from and the plugins it loads by name, read as text or syntax.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { get, parseYaml, scalar, type YamlNode } from '../../scan/yaml.js';
import { at, exportedConfig } from './js-config.js';
import { readJsonc, type ConfigSummary } from './readers.js';

export function releaseConfig(index: RepoIndex, file: string): ConfigSummary {
  let branches: string[] = [];
  let plugins: string[] = [];
  if (/\.[cm]?[jt]s$/.test(file)) {
    const sf = index.parse(file);
    const config = sf && exportedConfig(sf);
    const names = (e: ts.Expression | undefined): string[] =>
      e && ts.isArrayLiteralExpression(e)
        ? e.elements.flatMap((x) => {
            const head = ts.isArrayLiteralExpression(x) ? x.elements[0] : ts.isObjectLiteralExpression(x) ? at(x, 'name') : x;
            return head && ts.isStringLiteralLike(head) ? [head.text] : [];
          })
        : e && ts.isStringLiteralLike(e) ? [e.text] : [];
    branches = names(at(config, 'branches'));
    plugins = names(at(config, 'plugins'));
  } else {
    // JSON (with comments, unquoted keys, trailing commas) first; YAML otherwise.
    const json = /\.ya?ml$/.test(file) ? undefined : readJsonc(index, file);
    if (json && typeof json === 'object' && ('plugins' in json || 'branches' in json || 'branch' in json)) {
      branches = jsonNames(json.branches ?? json.branch);
      plugins = jsonNames(json.plugins);
    } else {
      const root = parseYaml(index.read(file) ?? '').root;
      branches = yamlNames(get(root, 'branches') ?? get(root, 'branch'));
      plugins = yamlNames(get(root, 'plugins'));
    }
  }
  const items: string[] = [];
  if (branches.length) items.push(`branches ${branches.join(', ')}`);
  if (plugins.length) items.push(`plugins ${plugins.join(', ')}`);
  return { items };
}

/** `"main"`, `["main", { "name": "beta" }]`, plugins as `"name"` or `["name", { options }]`. */
function jsonNames(v: unknown): string[] {
  const one = (x: unknown): string[] => (typeof x === 'string' ? [x] : Array.isArray(x) ? one(x[0]) : x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string' ? [(x as { name: string }).name] : []);
  return Array.isArray(v) ? v.flatMap(one) : one(v);
}

function yamlNames(node: YamlNode | undefined): string[] {
  const one = (n: YamlNode | undefined): string[] => {
    if (!n) return [];
    if (n.kind === 'seq') return one(n.items[0]);
    if (n.kind === 'map') return yamlNames(get(n, 'name'));
    const s = scalar(n);
    return s ? [s] : [];
  };
  if (node?.kind === 'seq') return node.items.flatMap(one);
  return one(node);
}
