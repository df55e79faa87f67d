/**
 * SST secrets: `new sst.Secret("StripeKey")` (SST v3, a global) or `new Config.Secret(stack, "STRIPE_KEY")` (SST v2,
 * `sst/constructs`) define one; the code reads it as `Resource.StripeKey.value` (v3, `import { Resource } from "sst"`)
 * or `Config.STRIPE_KEY` (v2, `sst/node/config`). SST keeps the values in SSM Parameter Store; they are set with
 * `sst secret set`, never in the repository. Names and places only.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, dottedName, importsOf, staticString } from '../shared/ast.js';
import type { SecretSourceFact } from './index.js';

const DEFINE = /new\s+(?:sst\s*\.\s*|Config\s*\.\s*)Secret\s*\(/;
const READ_MODULES = /^(sst|sst\/node\/config)$/;

/** Every SST secret defined in the repository, and the places that read one of them. */
export function sstSecrets(index: RepoIndex, skip: (file: string) => boolean): SecretSourceFact[] {
  const defines: SecretSourceFact[] = [];
  const readers: string[] = [];
  for (const file of index.files) {
    if (!isSourceFile(file) || skip(file)) continue;
    const text = index.read(file);
    if (!text || !text.includes('sst')) continue;
    if (DEFINE.test(text)) defines.push(...definitionsIn(index, file));
    if (/\bResource\s*\.|\bConfig\s*\./.test(text) && /from\s+['"]sst(\/node\/config)?['"]/.test(text)) readers.push(file);
  }
  const names = new Set(defines.map((d) => d.data.name).filter(Boolean));
  if (names.size === 0) return defines;
  return [...defines, ...readers.flatMap((file) => readsIn(index, file, names))];
}

function definitionsIn(index: RepoIndex, file: string): SecretSourceFact[] {
  const sf = index.parse(file);
  if (!sf) return [];
  const constants = constantsOf(sf);
  const imports = importsOf(sf);
  const out: SecretSourceFact[] = [];
  walk(sf, (node) => {
    if (!ts.isNewExpression(node)) return;
    const callee = dottedName(node.expression);
    // v3: the `sst` global (not shadowed by an import); v2: `Config` from sst/constructs.
    const v3 = callee === 'sst.Secret' && !imports.has('sst');
    const v2 = callee === 'Config.Secret' && /^sst\/constructs$/.test(imports.get('Config')?.module ?? '');
    if (!v3 && !v2) return;
    const arg = node.arguments?.[v3 ? 0 : 1];
    const name = arg ? staticString(arg, constants) : undefined;
    if (!name?.resolved) return;
    out.push(fact(index, file, lineOf(node, sf), name.text, 'define', `new ${callee}`));
  });
  return out;
}

function readsIn(index: RepoIndex, file: string, names: ReadonlySet<string>): SecretSourceFact[] {
  const sf = index.parse(file);
  if (!sf) return [];
  const imports = importsOf(sf);
  const out: SecretSourceFact[] = [];
  walk(sf, (node) => {
    if (!ts.isPropertyAccessExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const owner = node.expression.expression;
    if (!ts.isIdentifier(owner)) return;
    const binding = imports.get(owner.text);
    if (!binding || !READ_MODULES.test(binding.module)) return;
    const name = node.expression.name.text;
    if (!names.has(name)) return;
    // v3 `Resource.X.value`; v2 `Config.X` is the value itself (this node is then `Config.X.something`).
    if (binding.imported === 'Resource' && node.name.text === 'value') out.push(fact(index, file, lineOf(node, sf), name, 'read', `Resource.${name}.value`));
  });
  if (imports.get('Config')?.module === 'sst/node/config') {
    walk(sf, (node) => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Config' && names.has(node.name.text)) {
        out.push(fact(index, file, lineOf(node, sf), node.name.text, 'read', `Config.${node.name.text}`));
      }
    });
  }
  return out;
}

function fact(index: RepoIndex, file: string, line: number, name: string, action: 'define' | 'read', via: string): SecretSourceFact {
  return {
    kind: 'secrets.source',
    id: `${file}:${line}:${name}`,
    data: { provider: 'sst', action, name, resolved: true, via, file, line, package: index.packageOf(file)?.name ?? '' },
    at: [{ file, line }],
  };
}
