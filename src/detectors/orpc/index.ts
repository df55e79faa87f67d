/**
 * oRPC, as far as this reads it: NestJS controller methods that implement a contract procedure
 * (`@Implement(userContract.getMe)` from `@orpc/nest`), the routers built with `.router({ … })` in a package that
 * depends on `@orpc/server`, and the handlers that serve a router (`new RPCHandler(appRouter)`, `new OpenAPIHandler(…)`)
 * with the prefix they are given (`handler.handle(req, { prefix: '/rpc' })`). A router's procedures (built from a
 * contract through `implement(contract)`) are not followed: the step says so rather than list part of them.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dependsOn } from '../../scan/package-json.js';
import { ts, isSourceFile, lineOf, walk } from '../../scan/ts.js';
import { dottedName, importsOf } from '../shared/ast.js';
import { isAppSource, isBuildOrVendor } from '../shared/source-scope.js';
import { stableIds } from '../shared/stable-ids.js';
import { contractRoute } from './contract-route.js';

const SERVER_PACKAGES = /^@orpc\/(?:server|nest|openapi)$/;
/** `src/modules/test/controllers/test.controller.ts`: a `test` folder under `src/`, in a file not named as a test. */
const FEATURE_NAMED_TEST = /(?:^|\/)src\/(?:[\w.-]+\/)*tests?\/(?:[\w.-]+\/)*(?![\w.-]*\.(?:test|spec|e2e)\.)[\w.-]+\.[cm]?tsx?$/;
const SERVER_IMPORT = /['"]@orpc\/(?:server|nest|openapi)(?:\/[\w-]+)?['"]/;

/** A controller method bound to a contract procedure by `@Implement(…)`. */
export interface OrpcProcedureData {
  readonly app: string;
  /** The contract procedure as written: `healthContract.check`. */
  readonly contract: string;
  /** The contract's `route({ method, path })`, with its routers' prefixes, when written as literals. */
  readonly httpMethod?: string;
  readonly httpPath?: string;
  readonly controller: string;
  readonly method: string;
  readonly file: string;
  readonly line: number;
}

/** `appRouter = publicProcedure.router({ … })`: a router whose entries are not followed. */
export interface OrpcRouterData {
  readonly app: string;
  readonly name: string;
  /** Keys of its object literal: procedures and nested routers alike. */
  readonly entries: number;
  readonly file: string;
  readonly line: number;
}

/** `new RPCHandler(appRouter, …)`: what serves a router, and at which prefixes its `.handle(…)` calls give. */
export interface OrpcHandlerData {
  readonly app: string;
  readonly kind: string;
  readonly router?: string;
  readonly prefixes: readonly string[];
  readonly file: string;
  readonly line: number;
}

/** A file of server-side oRPC code, when neither procedures nor routers were read from it or any other. */
export interface OrpcFileData {
  readonly app: string;
  readonly file: string;
}

export type OrpcProcedureFact = Fact<'orpc.procedure', OrpcProcedureData>;
export type OrpcRouterFact = Fact<'orpc.router', OrpcRouterData>;
export type OrpcHandlerFact = Fact<'orpc.handler', OrpcHandlerData>;
export type OrpcFileFact = Fact<'orpc.file', OrpcFileData>;

export const orpcDetector: Detector = {
  id: 'orpc',
  isEnabled: (index) => index.packages.some((p) => dependsOn(p.manifest, SERVER_PACKAGES)),
  detect(index) {
    const read = readOrpc(index);
    const at = (d: { file: string; line?: number }) => [{ file: d.file, ...(d.line !== undefined ? { line: d.line } : {}) }];
    const pIds = stableIds(read.procedures, [(d) => `orpc ${d.controller}.${d.method}`, (d) => `orpc ${d.file}#${d.controller}.${d.method}`]);
    const rIds = stableIds(read.routers, [(d) => `orpc router ${d.file}#${d.name}`, (d) => `orpc router ${d.file}:${d.line}`]);
    const hIds = stableIds(read.handlers, [(d) => `orpc handler ${d.file}:${d.line}`]);
    return [
      ...read.procedures.map((data, i): OrpcProcedureFact => ({ kind: 'orpc.procedure', id: pIds[i], data, at: at(data) })),
      ...read.routers.map((data, i): OrpcRouterFact => ({ kind: 'orpc.router', id: rIds[i], data, at: at(data) })),
      ...read.handlers.map((data, i): OrpcHandlerFact => ({ kind: 'orpc.handler', id: hIds[i], data, at: at(data) })),
      ...read.files.map((data): OrpcFileFact => ({ kind: 'orpc.file', id: `orpc file ${data.file}`, data, at: at(data) })),
    ];
  },
};

function readOrpc(index: RepoIndex) {
  const procedures: OrpcProcedureData[] = [];
  const routers: OrpcRouterData[] = [];
  const handlers: OrpcHandlerData[] = [];
  const serverFiles: OrpcFileData[] = [];
  const orpcDirs = new Set(index.packages.filter((p) => dependsOn(p.manifest, SERVER_PACKAGES)).map((p) => p.dir));
  for (const file of index.files) {
    if (!isAppSource(index, file) && !(isSourceFile(file) && !isBuildOrVendor(index, file) && FEATURE_NAMED_TEST.test(file))) continue;
    const pkg = index.packageOf(file);
    if (!pkg || !orpcDirs.has(pkg.dir)) continue;
    const text = index.read(file);
    if (!text) continue;
    // A feature module named `test` under src/ is served like any other; there only controllers count.
    if (!isAppSource(index, file) && !text.includes('@Implement(')) continue;
    const imports = SERVER_IMPORT.test(text);
    const hasRouter = text.includes('.router(');
    if (!imports && !hasRouter) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const app = pkg.name ?? '';
    if (imports) serverFiles.push({ app, file });
    const bindings = importsOf(sf);
    const from = (name: string, module: RegExp) => {
      const b = bindings.get(name);
      return b !== undefined && module.test(b.module);
    };
    walk(sf, (node) => {
      if (ts.isMethodDeclaration(node) && ts.isClassDeclaration(node.parent)) {
        for (const d of ts.getDecorators(node) ?? []) {
          const call = d.expression;
          if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !from(call.expression.text, /^@orpc\/nest$/)) continue;
          if (call.expression.text !== 'Implement' && bindings.get(call.expression.text)?.imported !== 'Implement') continue;
          const contract = call.arguments[0] ? (dottedName(call.arguments[0]) ?? call.arguments[0].getText(sf)) : '?';
          const route = contractRoute(index, file, contract);
          procedures.push({ app, contract, ...(route?.method ? { httpMethod: route.method } : {}), ...(route?.path !== undefined ? { httpPath: route.path } : {}), controller: node.parent.name?.text ?? 'default', method: node.name.getText(sf), file, line: lineOf(node.name, sf) });
        }
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /^(RPCHandler|OpenAPIHandler)$/.test(node.expression.text)
        && from(node.expression.text, /^@orpc\/(?:server|openapi)(?:\/[\w-]+)?$/)) {
        const arg = node.arguments?.[0];
        const router = arg ? dottedName(arg) : undefined;
        const owner = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
        handlers.push({ app, kind: node.expression.text, ...(router ? { router } : {}), prefixes: owner ? prefixesOf(sf, owner) : [], file, line: lineOf(node, sf) });
      }
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
        const call = node.initializer;
        const obj = call.arguments[0];
        // `oc.router({ … })` (from @orpc/contract) is a contract: it declares procedures' routes, it serves nothing.
        const contract = from(chainRoot(call), /^@orpc\/contract$/);
        if (!contract && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'router' && obj && ts.isObjectLiteralExpression(obj) && obj.properties.length > 0) {
          routers.push({ app, name: node.name.text, entries: obj.properties.length, file, line: lineOf(node, sf) });
        }
      }
    });
  }
  const sort = <T extends { file: string; line?: number }>(list: T[]) => list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  // Server files are the fallback pointer: only when nothing more precise was read.
  const files = procedures.length === 0 && routers.length === 0 ? sort(serverFiles) : [];
  return { procedures: sort(procedures), routers: sort(routers), handlers: sort(handlers), files };
}

/** The name a call chain starts from: `oc` in `oc.prefix('/x').router({…})`. */
function chainRoot(e: ts.Expression): string {
  let cur = e;
  while (ts.isCallExpression(cur) || ts.isPropertyAccessExpression(cur)) cur = cur.expression;
  return ts.isIdentifier(cur) ? cur.text : '';
}

/** `rpcHandler.handle(request, { prefix: '/rpc' })`: the literal prefixes a handler is called with in its file. */
function prefixesOf(sf: ts.SourceFile, owner: string): string[] {
  const out = new Set<string>();
  walk(sf, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'handle') return;
    if (dottedName(node.expression.expression) !== owner) return;
    const options = node.arguments[1];
    if (!options || !ts.isObjectLiteralExpression(options)) return;
    for (const p of options.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText(sf) === 'prefix' && ts.isStringLiteralLike(p.initializer)) out.add(p.initializer.text);
    }
  });
  return [...out].sort();
}
