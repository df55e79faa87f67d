/**
 * URL aliases a Next.js app declares in `next.config.*`: `rewrites()` (the source URL serves the destination's response,
 * `/healthz` → `/api/health`) and `redirects()`. Read from the syntax tree, never executed: only entries written as
 * object literals with static `source` and `destination` strings are read; anything built in code is reported as
 * unread at its line, so the list is never taken for complete when it is not.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';
import { processEnvNames } from '../env/reads-text.js';
import { exportedConfig } from '../config-files/js-config.js';
import { property, propertyNameText, staticString } from './ast.js';

export interface NextUrlAlias {
  readonly kind: 'rewrite' | 'redirect';
  readonly source: string;
  readonly destination: string;
  /** Redirects only: `permanent: true` (308) or false (307). */
  readonly permanent?: boolean;
  /** The entry has `has`/`missing` conditions (a header, cookie, host or query): it applies only when they match. */
  readonly conditional?: true;
  /**
   * The destination is built in code (`${gatewayOrigin}/:path*`): `destination` is its text as written, and `envFrom`
   * names the environment variables the file's top-level constants it uses are read from (`API_GATEWAY_URL`).
   */
  readonly destinationInCode?: { readonly envFrom: readonly string[] };
  readonly file: string;
  readonly line: number;
}

export interface NextUrlAliases {
  readonly aliases: readonly NextUrlAlias[];
  /** Lines where `rewrites`/`redirects` build entries in code this reader does not follow. */
  readonly unread: readonly { readonly kind: 'rewrite' | 'redirect'; readonly file: string; readonly line: number }[];
}

const CONFIGS = ['js', 'mjs', 'cjs', 'ts', 'mts'].map((ext) => `next.config.${ext}`);

export function nextUrlAliases(index: RepoIndex, packageDir: string): NextUrlAliases {
  const file = CONFIGS.map((c) => (packageDir ? `${packageDir}/${c}` : c)).find((f) => index.has(f));
  if (!file) return { aliases: [], unread: [] };
  return (
    index.memo('next-url-aliases@4', file, (text) => {
      if (!/\b(rewrites|redirects)\b/.test(text)) return { aliases: [], unread: [] };
      const sf = index.parse(file);
      const config = sf && exportedConfig(sf);
      if (!sf || !config) return { aliases: [], unread: [] };
      const out: { aliases: NextUrlAlias[]; unread: NextUrlAliases['unread'][number][] } = { aliases: [], unread: [] };
      for (const kind of ['rewrite', 'redirect'] as const) {
        const member = config.properties.find((p) => p.name && propertyNameText(p.name) === `${kind}s`);
        if (!member) continue;
        const entries = returned(ts.isPropertyAssignment(member) ? member.initializer : member);
        if (!entries) {
          out.unread.push({ kind, file, line: lineOf(member, sf) });
          continue;
        }
        for (const e of entries) {
          const source = ts.isObjectLiteralExpression(e) ? staticString(property(e, 'source')) : undefined;
          const destination = ts.isObjectLiteralExpression(e) ? staticString(property(e, 'destination')) : undefined;
          // A destination written as a template or concatenation of named values is shown as written: the source URL and
          // the shape are facts of the code, and "built in code" alone would hide where `/api/*` goes.
          const inCode = source?.resolved && destination && !destination.resolved && /\$\{[\w$.]+\}/.test(destination.text) ? envOfPlaceholders(sf, destination.text) : undefined;
          if (!source?.resolved || !destination || (!destination.resolved && !inCode)) {
            out.unread.push({ kind, file, line: lineOf(e, sf) });
            continue;
          }
          const permanent = kind === 'redirect' ? property(e, 'permanent')?.kind : undefined;
          out.aliases.push({
            kind,
            source: clip(source.text, 200),
            destination: clip(destination.text, 200),
            ...(permanent === ts.SyntaxKind.TrueKeyword ? { permanent: true } : permanent === ts.SyntaxKind.FalseKeyword ? { permanent: false } : {}),
            ...(property(e, 'has') || property(e, 'missing') ? { conditional: true as const } : {}),
            ...(inCode ? { destinationInCode: inCode } : {}),
            file,
            line: lineOf(e, sf),
          });
        }
      }
      return out;
    }) ?? { aliases: [], unread: [] }
  );
}

/**
 * For a destination whose placeholders are all plain names (`${gatewayOrigin}`), the environment variables those names'
 * top-level `const` initialisers read (`process.env.API_GATEWAY_URL ?? '…'`); undefined when a placeholder is anything
 * else (a call, a member of an import), which stays "built in code".
 */
function envOfPlaceholders(sf: ts.SourceFile, text: string): { envFrom: string[] } | undefined {
  const names = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
  if (names.some((n) => !/^[A-Za-z_$][\w$]*$/.test(n))) return undefined;
  const env = new Set<string>();
  for (const name of names) {
    const decl = sf.statements
      .filter(ts.isVariableStatement)
      .flatMap((s) => [...s.declarationList.declarations])
      .find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (!decl?.initializer) return undefined;
    for (const name of processEnvNames(decl.initializer.getText(sf))) env.add(name);
  }
  return { envFrom: [...env].sort() };
}

/**
 * The entries a `rewrites`/`redirects` member returns: an array literal (or, for rewrites, the `beforeFiles`,
 * `afterFiles` and `fallback` arrays of an object literal), from an arrow's expression body, a `return`, or a method.
 * Undefined when the value is built in code (a spread, a call, a variable).
 */
function returned(node: ts.Node): ts.Expression[] | undefined {
  let body: ts.Node | undefined = node;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) body = node.body;
  if (body && ts.isBlock(body)) {
    const returns = body.statements.filter(ts.isReturnStatement);
    body = returns.length === 1 ? returns[0].expression : undefined;
  }
  while (body && (ts.isParenthesizedExpression(body) || ts.isAsExpression(body) || ts.isSatisfiesExpression(body))) body = body.expression;
  if (!body) return undefined;
  if (ts.isArrayLiteralExpression(body)) return [...body.elements];
  if (ts.isObjectLiteralExpression(body)) {
    const phases = ['beforeFiles', 'afterFiles', 'fallback'].map((k) => property(body as ts.Expression, k));
    if (phases.some((p) => p && !ts.isArrayLiteralExpression(p))) return undefined;
    return phases.flatMap((p) => (p && ts.isArrayLiteralExpression(p) ? [...p.elements] : []));
  }
  return undefined;
}
