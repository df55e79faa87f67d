/**
 * Infrastructure code in TypeScript (AWS CDK, SST, Pulumi, CDKTF): every `environment: { X: … }` on any construct —
 * a Lambda, an ECS container, a Batch job, a Next.js site, a construct made by a project wrapper — every
 * `x.addEnvironment('X', …)`, ECS `secrets: { X: … }`, and the list form `environment: [{ name: 'X', value }]` (ECS task
 * overrides, Step Functions states written as JSON), CodeBuild `environmentVariables` and a Step Functions task's
 * `environmentVariablesOverride`. The CDK detector follows Lambdas in depth; this pass is what keeps a variable set on
 * something else, or through a wrapper it does not follow, from reading "set nowhere". Alchemy (`alchemy.run.ts`): a
 * resource's `bindings: { DB: db, API_KEY: alchemy.secret(…) }` and `env: { X }` are what the Worker reads as `env.X`.
 */
import { constantsOf, importsOf, lastName, propertyNameText, staticString } from '../shared/ast.js';
import { lineOf, ts, walk, walkMentioning } from '../../scan/ts.js';

export interface IacEnvSet {
  readonly name: string;
  readonly line: number;
  readonly tool: string;
  readonly owner?: string;
  readonly secretRef?: boolean;
  /** The key the name is written under when it is not an `environment` (Alchemy's `bindings`, `env`). */
  readonly key?: string;
  /**
   * A container's image built from a folder of the repository (`image: ContainerImage.fromAsset('./app/core')`):
   * the folder as written, and whether it is relative to the defining file (`path.join(__dirname, …)`) rather than to
   * the folder `cdk` runs in. Its variables reach that code, not the CDK app that passes them on.
   */
  readonly image?: { readonly path: string; readonly fromFile: boolean };
}

const MODULES: readonly [RegExp, string][] = [
  [/^(aws-cdk-lib|@aws-cdk\/)/, 'AWS CDK'],
  [/^(sst(\/|$)|@serverless-stack\/)/, 'SST'],
  [/^@pulumi\//, 'Pulumi'],
  [/^(cdktf|@cdktf\/)/, 'CDKTF'],
  [/^alchemy(\/|$)/, 'Alchemy'],
];
/** Words an IaC file holds (its imports, or SST v3's globals): nothing else is parsed for this pass. */
export const IAC_WORDS = /aws-cdk-lib|@aws-cdk\/|['"]sst|sst\.(?:aws|cloudflare)\.|\$config\(|@serverless-stack\/|@pulumi\/|cdktf|['"]alchemy(?:\/|['"])/;
const WORDS = /environment|Environment|secrets|\benv\s*:|bindings/g;
/** Upper snake case: CodeBuild's `environment: { buildImage }` is build settings, not variables. */
const NAME = /^[A-Z_][A-Z0-9_]*$/;

export function iacEnvSets(sf: ts.SourceFile): IacEnvSet[] {
  const tool = toolOf(sf);
  if (!tool) return [];
  let constants: Map<string, ts.Expression> | undefined;
  const consts = () => (constants ??= constantsOf(sf));
  let assigned: Map<string, Key[]> | undefined;
  const later = (name: string) => (assigned ??= memberAssignments(sf)).get(name) ?? [];
  const keysOf = (e: ts.Expression) => objectKeys(e, consts(), later);
  const out: IacEnvSet[] = [];
  walkMentioning(sf, WORDS, (node) => {
    if (ts.isPropertyAssignment(node) && node.name) {
      const key = propertyNameText(node.name);
      // Alchemy: a Worker's (Vite site's, …) `bindings` and `env`; their keys are its `env.<NAME>`.
      if (tool === 'Alchemy' && (key === 'bindings' || key === 'env')) {
        const owner = alchemyOwner(node, sf);
        for (const k of keysOf(node.initializer)) out.push({ name: k.name, line: k.line, tool, key, ...(owner ? { owner } : {}) });
        return;
      }
      // CodeBuild's `environmentVariables`, and `environmentVariablesOverride` of a Step Functions CodeBuildStartBuild task.
      if (key !== 'environment' && key !== 'Environment' && key !== 'environmentVariables' && key !== 'environmentVariablesOverride' && key !== 'secrets' && key !== 'env') return;
      if (key === 'secrets' && !siblings(node).has('image')) return;
      // A Kubernetes container in a manifest the CDK applies (`addManifest`, `KubernetesManifest`): `env: [{ name, value }]` beside `image`.
      if (key === 'env') {
        if (!ts.isArrayLiteralExpression(node.initializer) || !siblings(node).has('image')) return;
        const container = node.parent.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'name');
        const owner = container && ts.isStringLiteralLike(container.initializer) ? `container '${container.initializer.text.slice(0, 50)}'` : 'container';
        for (const k of keysOf(node.initializer)) out.push({ name: k.name, line: k.line, tool, owner });
        return;
      }
      const owner = ownerOf(node, sf);
      const image = imageOf(node, consts());
      for (const k of keysOf(node.initializer))
        out.push({ name: k.name, line: k.line, tool, ...(owner ? { owner } : {}), ...(key === 'secrets' ? { secretRef: true } : {}), ...(image ? { image } : {}) });
    } else if (ts.isCallExpression(node) && lastName(node.expression) === 'addEnvironment' && ts.isPropertyAccessExpression(node.expression)) {
      const name = staticString(node.arguments[0], consts());
      if (name?.resolved && NAME.test(name.text)) out.push({ name: name.text, line: lineOf(node, sf), tool, owner: node.expression.expression.getText(sf).slice(0, 60) });
    }
  });
  return out;
}

function toolOf(sf: ts.SourceFile): string | undefined {
  for (const binding of importsOf(sf).values()) for (const [re, tool] of MODULES) if (re.test(binding.module)) return tool;
  // SST v3 config and `infra/*.ts` use the global `sst` namespace without importing it.
  return /\bsst\.(aws|cloudflare)\.|\$config\(/.test(sf.text) ? 'SST' : undefined;
}

type Key = { name: string; line: number };

/**
 * The keys of `{ A: …, B: … }`, through a spread of a same-file constant and Pulumi's `{ variables: {…} }`. A constant
 * also has the keys the file assigns to it (`const extra = {}; if (x) extra.EMAIL = email; … { ...extra }`).
 */
function objectKeys(expr: ts.Expression, constants: ReadonlyMap<string, ts.Expression>, later: (name: string) => Key[], depth = 0): Key[] {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isIdentifier(e) && depth < 3) {
    const init = constants.get(e.text);
    return init ? [...objectKeys(init, constants, later, depth + 1), ...(ts.isObjectLiteralExpression(skip(init)) ? later(e.text) : [])] : [];
  }
  // ECS / Step Functions / CloudFormation list form: `environment: [{ name: 'X', value }]`, `Environment: [{ Name: 'X' }]`.
  if (ts.isArrayLiteralExpression(e)) {
    return e.elements.flatMap((el) => {
      if (!ts.isObjectLiteralExpression(el)) return [];
      const name = el.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && /^(name|Name)$/.test(propertyNameText(p.name) ?? ''));
      const text = name && staticString(name.initializer, constants);
      return name && text?.resolved && NAME.test(text.text) ? [{ name: text.text, line: lineOf(name) }] : [];
    });
  }
  if (!ts.isObjectLiteralExpression(e) || depth > 3) return [];
  const out: { name: string; line: number }[] = [];
  for (const p of e.properties) {
    if (ts.isSpreadAssignment(p)) out.push(...objectKeys(p.expression, constants, later, depth + 1));
    else if (p.name) {
      const name = propertyNameText(p.name);
      if (name === 'variables' && ts.isPropertyAssignment(p)) out.push(...objectKeys(p.initializer, constants, later, depth + 1));
      else if (name && NAME.test(name)) out.push({ name, line: lineOf(p) });
    }
  }
  return out;
}

function skip(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** `x.NAME = …` (and `x['NAME'] = …`) anywhere in the file, by the object's name: upper-snake names only. */
function memberAssignments(sf: ts.SourceFile): Map<string, Key[]> {
  const out = new Map<string, Key[]>();
  walk(sf, (n) => {
    if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const left = n.left;
    const target = ts.isPropertyAccessExpression(left) ? left.expression : ts.isElementAccessExpression(left) ? left.expression : undefined;
    const name = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : undefined;
    if (!target || !ts.isIdentifier(target) || !name || !NAME.test(name)) return;
    const list = out.get(target.text) ?? [];
    list.push({ name, line: lineOf(n, sf) });
    out.set(target.text, list);
  });
  return out;
}

/** `Worker 'api'` for `Cloudflare.Worker('api', { bindings })` / `await Worker('api', …)`: the resource and its id. */
function alchemyOwner(node: ts.PropertyAssignment, sf: ts.SourceFile): string | undefined {
  const obj = node.parent;
  const call = obj.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(obj)) return undefined;
  const kind = lastName(call.expression);
  const id = call.arguments[0];
  if (!kind || !id || !ts.isStringLiteralLike(id)) return kind;
  return `${kind} '${id.text.slice(0, 50)}'`;
}

/**
 * The folder of the sibling `image: ContainerImage.fromAsset(dir)` (an ECS container definition, `addContainer`, a
 * pattern's `taskImageOptions`), through a same-file constant; `path.join(__dirname, …)` is relative to the file.
 */
function imageOf(node: ts.PropertyAssignment, constants: ReadonlyMap<string, ts.Expression>): IacEnvSet['image'] {
  const prop = node.parent.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyNameText(p.name) === 'image');
  if (!prop) return undefined;
  let e: ts.Expression | undefined = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : undefined;
  for (let i = 0; e && ts.isIdentifier(e) && i < 3; i++) e = constants.get(e.text);
  if (!e || !ts.isCallExpression(e) || lastName(e.expression) !== 'fromAsset') return undefined;
  const arg = e.arguments[0];
  const dir = staticString(arg, constants);
  if (dir?.resolved) return { path: dir.text, fromFile: false };
  // `path.join(__dirname, '..', 'app')` / `resolve(__dirname, 'app')`: every other part a static string.
  if (!arg || !ts.isCallExpression(arg) || !/^(join|resolve)$/.test(lastName(arg.expression) ?? '')) return undefined;
  const [first, ...rest] = arg.arguments;
  if (!first || !ts.isIdentifier(first) || first.text !== '__dirname') return undefined;
  const parts = rest.map((a) => staticString(a, constants));
  return parts.every((p) => p?.resolved) ? { path: ['.', ...parts.map((p) => p!.text)].join('/'), fromFile: true } : undefined;
}

function siblings(node: ts.PropertyAssignment): Set<string> {
  const obj = node.parent;
  return new Set(obj.properties.flatMap((p) => (p.name ? [propertyNameText(p.name) ?? ''] : [])));
}

/** `Function 'Api'` for `new Function(this, 'Api', { environment })`; `container 'web'` for `addContainer('web', …)`. */
function ownerOf(node: ts.Node, sf: ts.SourceFile): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isNewExpression(n)) {
      const cls = lastName(n.expression) ?? 'construct';
      const id = (n.arguments ?? []).find((a) => ts.isStringLiteralLike(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isTemplateExpression(a));
      return id ? `${cls} '${id.getText(sf).slice(1, -1).slice(0, 50)}'` : cls;
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      const id = n.arguments[0];
      if (/^add\w*Container$/.test(method) && id && ts.isStringLiteralLike(id)) return `container '${id.text}'`;
    }
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
  }
  return undefined;
}
