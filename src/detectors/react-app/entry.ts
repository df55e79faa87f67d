/** Where a React app starts: `createRoot(...).render(<App />)` and the providers wrapped around it, or the framework's root. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { lastName, mentions } from '../shared/ast.js';
import { tagName } from '../react-router/tree.js';
import type { FrontendApp } from '../frontend-build/apps.js';

export interface EntryData {
  readonly app: string;
  readonly file: string;
  readonly line: number;
  /** `createRoot`, `hydrateRoot`, `ReactDOM.render`, `root layout`, `_app`, `root route`. */
  readonly how: string;
  /** The component rendered innermost (`App`, `RouterProvider`). */
  readonly root?: string;
  /** Components wrapped around it, outermost first. */
  readonly providers: readonly string[];
}

const RENDER = ['createRoot', 'hydrateRoot', 'ReactDOM'];
const FRAMEWORK_ROOTS: Record<string, readonly [string, string][]> = {
  next: [
    ['app/layout', 'root layout'],
    ['src/app/layout', 'root layout'],
    ['pages/_app', '_app'],
    ['src/pages/_app', '_app'],
  ],
  remix: [
    ['app/root', 'root route'],
    ['app/entry.client', 'hydrateRoot'],
  ],
};

export function entriesOf(index: RepoIndex, app: FrontendApp, files: readonly string[]): EntryData[] {
  const out: EntryData[] = [];
  for (const [stem, how] of FRAMEWORK_ROOTS[app.framework] ?? []) {
    const file = ['tsx', 'jsx', 'ts', 'js'].map((e) => `${app.dir ? `${app.dir}/` : ''}${stem}.${e}`).find((f) => index.has(f));
    const sf = file ? index.parse(file) : undefined;
    if (file && sf) out.push({ app: app.dir, file, line: 1, how, providers: providerTags(sf) });
  }
  if (out.length > 0) return out;
  for (const file of files) {
    if (!isSourceFile(file) || !/\.[jt]sx?$/.test(file) || /\.(test|spec|stories)\./.test(file)) continue;
    if (!mentions(index.read(file), RENDER)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    walk(sf, (node) => {
      if (!ts.isCallExpression(node)) return;
      const name = lastName(node.expression);
      let how: string | undefined;
      let tree: ts.Expression | undefined;
      if (name === 'render' && ts.isPropertyAccessExpression(node.expression)) {
        const target = node.expression.expression;
        const inner = ts.isCallExpression(target) ? lastName(target.expression) : undefined;
        if (inner === 'createRoot' || inner === 'hydrateRoot') how = inner;
        else if (ts.isIdentifier(target) && /^(ReactDOM|ReactDom)$/.test(target.text)) how = 'ReactDOM.render';
        else if (ts.isIdentifier(target) && /root/i.test(target.text)) how = 'createRoot';
        tree = node.arguments[0];
      } else if (name === 'hydrateRoot' && node.arguments[1]) {
        how = 'hydrateRoot';
        tree = node.arguments[1];
      }
      if (!how || !tree) return;
      const chain = jsxChain(tree);
      out.push({ app: app.dir, file, line: lineOf(node, sf), how, root: chain[chain.length - 1], providers: chain.slice(0, -1) });
    });
  }
  return out;
}

/** `<A><B><App /></B></A>` → [A, B, App], stopping where an element has several children. */
function jsxChain(expr: ts.Expression): string[] {
  const out: string[] = [];
  let node: ts.Node | undefined = expr;
  while (node) {
    if (ts.isParenthesizedExpression(node)) node = node.expression;
    else if (ts.isJsxSelfClosingElement(node)) {
      const tag = tagName(node);
      if (tag) out.push(tag);
      break;
    } else if (ts.isJsxElement(node)) {
      const tag = tagName(node);
      if (tag) out.push(tag);
      const kids: ts.JsxChild[] = node.children.filter((c: ts.JsxChild) => ts.isJsxElement(c) || ts.isJsxSelfClosingElement(c));
      node = kids.length === 1 ? kids[0] : undefined;
    } else break;
  }
  return out;
}

/** Providers a root layout wraps around its children (`<ThemeProvider>`, `<SessionProvider>`). */
function providerTags(sf: ts.SourceFile): string[] {
  const out = new Set<string>();
  walk(sf, (node) => {
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = tagName(node);
      if (tag && /(Provider|Config|Router|Boundary)$/.test(tag)) out.add(tag);
    }
  });
  return [...out];
}
