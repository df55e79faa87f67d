/** Vite, Next.js and Astro config files read as syntax trees: the exported config object, never evaluated. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { constantsOf, dottedName, importsOf, property, propertyNameText, staticString } from '../shared/ast.js';
import type { FrontendApp } from './apps.js';
import { oneLine } from '../../markdown/text.js';
import { clip } from '../../secrets/clip.js';
import { portSetting, type PortSetting } from '../shared/port-value.js';

export interface FrontendConfig {
  readonly file: string;
  readonly line?: number;
  readonly port?: number;
  /** Where `server.port` is set and how, also when its number cannot be read (then `port` is undefined). */
  readonly portSetting?: PortSetting;
  readonly base?: string;
  readonly site?: string;
  readonly output?: string;
  readonly adapter?: string;
  /** Vite plugins / Astro integrations, as the package they come from (or the call name). */
  readonly plugins: readonly string[];
  readonly proxy: readonly { readonly path: string; readonly target: string }[];
  readonly aliases: readonly string[];
  /** Next.js `env` keys; Astro `env.schema` keys (never `env`'s own keys: `schema` is no variable), each at its line. */
  readonly declaredEnv: readonly DeclaredEnv[];
}

export interface DeclaredEnv {
  readonly name: string;
  readonly line: number;
  /** Astro `envField.string({ context: 'client', access: 'public' })`: where the value may be read. */
  readonly context?: string;
  readonly access?: string;
  /** Astro `envField.string({ default: … })`: the line of the default, which the `astro:env` import gets when unset. */
  readonly defaultLine?: number;
}

const CONFIG_NAMES: Record<string, readonly string[]> = {
  vite: ['vite.config'],
  astro: ['astro.config'],
  next: ['next.config'],
  remix: ['vite.config', 'remix.config', 'react-router.config'],
  svelte: ['svelte.config', 'vite.config'],
  sveltekit: ['svelte.config', 'vite.config'],
  // VitePress keeps its config in the docs root's `.vitepress/` folder.
  vue: ['nuxt.config', 'vite.config', 'vue.config', '.vitepress/config', 'docs/.vitepress/config'],
  solid: ['app.config', 'vite.config'],
  angular: [],
  // Expo's app config (app.json when there is no app.config.*); named, not read: it is often a function of the env.
  expo: ['app.config'],
  react: ['vite.config', 'webpack.config', 'craco.config', 'rsbuild.config'],
};
const EXTENSIONS = ['ts', 'mts', 'js', 'mjs', 'cjs'];

export function configFile(index: RepoIndex, app: FrontendApp): string | undefined {
  const names = app.framework === 'react' && app.buildTool === 'vite' ? ['vite.config'] : CONFIG_NAMES[app.framework] ?? [];
  for (const name of names) {
    for (const ext of EXTENSIONS) {
      const f = app.dir ? `${app.dir}/${name}.${ext}` : `${name}.${ext}`;
      if (index.has(f)) return f;
    }
  }
  const json = app.framework === 'angular' ? 'angular.json' : app.framework === 'expo' ? 'app.json' : undefined;
  const file = json && (app.dir ? `${app.dir}/${json}` : json);
  return file && index.has(file) ? file : undefined;
}

/** The app's vite.config.*, when its own config (svelte.config.js, remix.config.js) is another file. */
export function viteConfigOf(index: RepoIndex, dir: string, configFile: string): string | undefined {
  if (/(^|\/)vite\.config\.[cm]?[jt]s$/.test(configFile)) return undefined;
  return EXTENSIONS.map((ext) => (dir ? `${dir}/vite.config.${ext}` : `vite.config.${ext}`)).find((f) => index.has(f));
}

export function readConfig(index: RepoIndex, file: string): FrontendConfig {
  const empty: FrontendConfig = { file, plugins: [], proxy: [], aliases: [], declaredEnv: [] };
  const sf = index.parse(file);
  if (!sf) return empty;
  const constants = constantsOf(sf);
  const imports = importsOf(sf);
  const obj = configObject(sf, constants);
  if (!obj) return empty;
  const str = (e: ts.Expression | undefined) => {
    const s = staticString(e, constants);
    return s?.resolved ? s.text : undefined;
  };
  const obj2 = (e: ts.Expression | undefined) => (e && ts.isIdentifier(e) ? constants.get(e.text) : e);
  const server = obj2(property(obj, 'server'));
  const pluginNames = (list: ts.Expression | undefined) => {
    const arr = obj2(list);
    if (!arr || !ts.isArrayLiteralExpression(arr)) return [];
    const out: string[] = [];
    for (const el of arr.elements) {
      // `isDev && { name: 'aws-exports', … }` is an inline plugin; a call inside its hooks (`path.resolve`) is no plugin.
      const plugin = pluginExpression(el);
      if (plugin && ts.isObjectLiteralExpression(plugin)) {
        const inline = str(property(plugin, 'name'));
        if (inline) out.push(`inline plugin ${inline}`);
        continue;
      }
      // webpack's `new HtmlWebpackPlugin({ template: path.resolve(…) })`: the class is the plugin, not a call in its options.
      const call = plugin && (ts.isCallExpression(plugin) || ts.isNewExpression(plugin)) ? plugin : plugin && !ts.isObjectLiteralExpression(plugin) ? firstCall(plugin) : undefined;
      if (!call) continue;
      const name = dottedName(call.expression);
      const root = name?.split('.')[0];
      const from = root ? imports.get(root)?.module : undefined;
      if (name) out.push(from ?? `${name}()`);
    }
    return [...new Set(out)];
  };
  const proxy: { path: string; target: string }[] = [];
  const proxyObj = obj2(property(server, 'proxy'));
  if (proxyObj && ts.isObjectLiteralExpression(proxyObj)) {
    for (const p of proxyObj.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const path = propertyNameText(p.name);
      const targetExpr = property(p.initializer, 'target') ?? p.initializer;
      // A target computed from env (`env.API ?? 'https://…'`) is shown as written.
      const target = str(targetExpr) ?? clip(oneLine(targetExpr.getText(sf)), 80);
      if (path) proxy.push({ path, target });
    }
  }
  const aliasObj = obj2(property(obj2(property(obj, 'resolve')), 'alias'));
  const aliases =
    aliasObj && ts.isObjectLiteralExpression(aliasObj)
      ? aliasObj.properties.map((p) => (p.name ? propertyNameText(p.name) : undefined)).filter((n): n is string => !!n)
      : [];
  // Astro's `adapter`, SvelteKit's `kit.adapter`.
  const adapterCall = firstCall(property(obj, 'adapter')) ?? firstCall(property(obj2(property(obj, 'kit')), 'adapter'));
  const adapterRoot = adapterCall ? dottedName(adapterCall.expression)?.split('.')[0] : undefined;
  const envKeys = (e: ts.Expression | undefined): DeclaredEnv[] => {
    const o = obj2(e);
    if (!o || !ts.isObjectLiteralExpression(o)) return [];
    return o.properties.flatMap((p) => {
      const name = p.name ? propertyNameText(p.name) : undefined;
      if (!name) return [];
      // `envField.string({ context, access })`: the options say which `astro:env/*` module serves it.
      const options = ts.isPropertyAssignment(p) && ts.isCallExpression(p.initializer) ? p.initializer.arguments[0] : undefined;
      const context = str(property(options, 'context'));
      const access = str(property(options, 'access'));
      const def = property(options, 'default');
      const defaultLine = def && !(ts.isIdentifier(def) && def.text === 'undefined') ? lineOf(def) : undefined;
      return [{ name, line: lineOf(p), ...(context ? { context } : {}), ...(access ? { access } : {}), ...(defaultLine ? { defaultLine } : {}) }];
    });
  };
  // Astro's `env` holds `schema` and `validateSecrets`, never variables; Next.js's `env` keys are the variables.
  const astro = /(^|\/)astro\.config\.[cm]?[jt]s$/.test(file);
  const envObj = property(obj, 'env');
  const setting = portSetting(index, file, property(server, 'port') ?? property(obj2(property(obj, 'devServer')), 'port'));
  return {
    file,
    line: lineOf(obj),
    port: setting?.port,
    ...(setting ? { portSetting: setting } : {}),
    base: str(property(obj, 'base')) ?? str(property(obj, 'basePath')),
    site: str(property(obj, 'site')),
    output: str(property(obj, 'output')),
    adapter: adapterRoot ? (imports.get(adapterRoot)?.module ?? adapterRoot) : undefined,
    plugins: [...pluginNames(property(obj, 'plugins')), ...pluginNames(property(obj, 'integrations'))],
    proxy,
    aliases,
    declaredEnv: astro ? envKeys(property(obj2(envObj), 'schema')) : envKeys(envObj),
  };
}

/** The object a config module exports: through `defineConfig(...)`, wrappers like `withX(config)`, consts, arrows. */
export function configObject(sf: ts.SourceFile, constants: Map<string, ts.Expression>): ts.ObjectLiteralExpression | undefined {
  let exported: ts.Expression | undefined;
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st)) exported = st.expression;
    else if (
      ts.isExpressionStatement(st) &&
      ts.isBinaryExpression(st.expression) &&
      st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      dottedName(st.expression.left as ts.Expression) === 'module.exports'
    ) {
      exported = st.expression.right;
    }
  }
  return unwrap(exported, constants, 0);
}

function unwrap(e: ts.Expression | undefined, constants: Map<string, ts.Expression>, depth: number): ts.ObjectLiteralExpression | undefined {
  if (!e || depth > 8) return undefined;
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) return unwrap(e.expression, constants, depth + 1);
  if (ts.isIdentifier(e)) return unwrap(constants.get(e.text), constants, depth + 1);
  if (ts.isCallExpression(e)) {
    for (const arg of e.arguments) {
      const found = unwrap(arg, constants, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
    if (!ts.isBlock(e.body)) return unwrap(e.body, constants, depth + 1);
    for (const st of e.body.statements) if (ts.isReturnStatement(st)) return unwrap(st.expression, constants, depth + 1);
  }
  return undefined;
}

/** The plugin an array element holds: `cond && X` and `cond ? X : null` give X; `...list` and `null` give nothing. */
function pluginExpression(e: ts.Expression): ts.Expression | undefined {
  let x: ts.Expression = e;
  for (;;) {
    while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x)) x = x.expression;
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) x = x.right;
    else if (ts.isConditionalExpression(x)) x = x.whenTrue.kind === ts.SyntaxKind.NullKeyword ? x.whenFalse : x.whenTrue;
    else break;
  }
  return ts.isSpreadElement(x) || x.kind === ts.SyntaxKind.NullKeyword || x.kind === ts.SyntaxKind.FalseKeyword ? undefined : x;
}

function firstCall(e: ts.Expression | undefined): ts.CallExpression | undefined {
  if (!e) return undefined;
  if (ts.isCallExpression(e)) return e;
  let found: ts.CallExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) found = n;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(e, visit);
  return found;
}

/** `vite --port 3001`, `next dev -p 3001`, `PORT=3001 react-scripts start` in a dev script. */
export function scriptPort(script: string | undefined): number | undefined {
  if (!script) return undefined;
  const m = /(?:--port[= ]|-p\s+|\bPORT=)(\d{2,5})\b/.exec(script);
  return m ? Number(m[1]) : undefined;
}

/** SvelteKit's `vite dev` is Vite's server. `remix-compiler`: `remix dev` serving with remix-serve, which listens on 3000 unless PORT says otherwise. */
export const DEFAULT_PORTS: Record<string, number> = { vite: 5173, astro: 4321, next: 3000, 'react-scripts': 3000, remix: 5173, 'remix-compiler': 3000, expo: 8081, sveltekit: 5173 };
