import { propertyNameText } from '../shared/ast.js';
import { ts } from '../../scan/ts.js';

/**
 * What an ESLint flat config (`eslint.config.mjs`) enables, from its syntax tree. Its imports are not plugins (`globals`,
 * `node:path`, a parser, `@eslint/js`): a plugin is a key of a `plugins: { x: … }` object or the `x` of a
 * `plugin:x/config` string (FlatCompat's `compat.extends(…)`); what it extends is those strings, `extends: [...]` and
 * the shared configs it spreads in (`js.configs.recommended`, `...tseslint.configs.recommended`).
 */
export function flatEslint(sf: ts.SourceFile): { extends: string[]; plugins: string[] } {
  const ext = new Set<string>();
  const plugins = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'plugins' && ts.isObjectLiteralExpression(node.initializer)) {
      for (const p of node.initializer.properties) {
        const key = p.name ? propertyNameText(p.name as ts.PropertyName) : undefined;
        if (key) plugins.add(key);
      }
    }
    if (ts.isStringLiteralLike(node) && /^plugin:/.test(node.text)) {
      ext.add(node.text);
      // `plugin:prettier/recommended` → prettier; `plugin:@typescript-eslint/recommended` → @typescript-eslint;
      // `plugin:@scope/name/config` → @scope/name.
      const parts = node.text.slice('plugin:'.length).split('/');
      const name = parts[0]?.startsWith('@') && parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
      if (name) plugins.add(name);
    }
    if (ts.isPropertyAccessExpression(node) && /\.configs\./.test(node.getText(sf)) && inConfigList(node)) {
      ext.add(node.getText(sf).replace(/\s+/g, ''));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { extends: [...ext], plugins: [...plugins] };
}

/** A shared config listed in the exported array or a `config(…)`/`defineConfig(…)` call, not a FlatCompat option. */
function inConfigList(node: ts.Node): boolean {
  let parent = node.parent;
  while (ts.isSpreadElement(parent) || ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (ts.isArrayLiteralExpression(parent)) return true;
  return ts.isCallExpression(parent) && /(^|\.)(config|defineConfig)$/.test(parent.expression.getText());
}
