import { constantsOf, importsOf, lastName, propertyNameText, staticString } from '../shared/ast.js';
import { lineOf, ts, walk, walkMentioning } from '../../scan/ts.js';
import { isEnvName } from './names.js';
import { createEnvKeys, PARSE_CALL, schemaKeys } from './reads-schema.js';
import { arkenvKeys, isArkenvCall } from './reads-arkenv.js';
import { copyPrefix } from './reads-prefix.js';
import { fastifyEnvKeys, FASTIFY_ENV_TEXT } from './reads-fastify-env.js';
import { classValidatorKeys } from './reads-class-validator.js';
import { remixContexts } from './reads-remix.js';
import { everyUseCopes } from './reads-bindings.js';
import { copyOfEnv, envReturningFunctions, HONO_CONTEXT, META, PROCESS, TYPED_WORKER, WORKER, workerScope, type Receiver } from './reads-receivers.js';
import { nestValidationSchemas, renamedSchemaReads, schemaFacts } from './reads-schema-uses.js';
import { objectParses } from './reads-schema-objects.js';
import { exportedNames, exportPath, helperOf, listHelperOf, loopMembers, loopNames, prefixedHelperOf, type EnvHelper } from './reads-scope.js';
import { clip } from '../../secrets/clip.js';
import { configDefinitionReads, type ConfigConstant } from './reads-config-def.js';
import { envObjectFunction } from './browser-handoff.js';
import { CYPRESS_CONFIG, cypressConfigEnv, cypressEnvCall } from './reads-cypress.js';
import { pushTo } from '../../collections.js';
import { passedEnvKeys, type PassedProperty } from './sets-passed.js';
import { bindingFails, isFalsyLiteral } from './unset-check.js';
import { chainCall, chainEnd, chainHas, enclosingFunction, guardOf, hasFallback, inFunction, isAssigned, isDeleted, optional, outer, shadowedByLiteral, skipParens } from './read-shapes.js';
import { envHolders, parsesEnvName } from './schema-fallbacks.js';
import { setBefore } from './set-before.js';
import { receiverType } from './reads-parsed-type.js';
import { configServiceNames, isConfigReceiver } from './reads-nest-config.js';
import { wrappingHelpers, withOutcome } from './reads-helper-outcome.js';
import { envExports } from './reads-env-exports.js';
import { harnessEnv, literalKeys } from './reads-assigned.js';

export type { EnvHelper } from './reads-scope.js';
export { WORKER_TEXT } from './reads-receivers.js';
export { schemaFacts } from './reads-schema-uses.js';
import type { FileEnvReads, RawAssignment, RawDynamic, RawRead, SchemaImport } from './raw-reads.js';

/** Modules whose `env` export is `process.env` (Node) or the platform's env (SvelteKit `$env/dynamic/*`). */
const ENV_MODULES = /^(node:)?process$|^\$env\/dynamic\/(private|public)$/;
/** Modules whose named imports are variables: SvelteKit `$env/static/*`, Astro `astro:env/*`. */
const NAME_MODULES = /^\$env\/static\/(private|public)$|^astro:env\/(server|client)$/;
const ENV_WORDS = /env|Env/g;

/**
 * Every environment variable a source file reads: `process.env.X`, `process.env['X']`, `import.meta.env.X`,
 * `const { X, Y: y = 1 } = process.env`, an alias (`const env = process.env`, Vite `const env = loadEnv(…)`),
 * `Deno.env.get('X')`, `Bun.env.X`, env-var's `env.get('X')`, SvelteKit/Astro env imports, schema-validated env
 * (t3-env, envalid, zod, valibot), and `process.env[key]` over a literal list of names.
 */
/**
 * `aliases`: local names another module's env export is imported under (`import environment from './environment'`),
 * for the second pass over importers of such a module.
 */
/** `workerPackage`: the file is in a package with wrangler config, so Hono's `c.env` is the Worker's env there too. */
export function envReadsOf(sf: ts.SourceFile, imported?: ReadonlyMap<string, 'process'>, workerPackage = false): FileEnvReads {
  const reads: RawRead[] = [];
  const dynamic: RawDynamic[] = [];
  const dynamicSets: RawDynamic[] = [];
  const helpers: EnvHelper[] = [];
  const assigned: RawAssignment[] = [];
  const schemaImports: SchemaImport[] = [];
  const configConstants: ConfigConstant[] = [];
  const cypressDefaults: RawAssignment[] = [];
  const envObjects = new Map<string, { name: string; line: number }[]>();
  const passedProperties: PassedProperty[] = [];
  // Computed names inside an env helper (`process.env[\`${prefix}${name}\`] ?? process.env[name]`) are the helper's
  // reads, which its call sites name; they are kept apart until every helper of the file is known.
  const pending: { node: ts.Node; read: RawDynamic }[] = [];
  const helperFns = new Set<ts.Node | undefined>();
  const aliases = new Map<string, Receiver>([...(imported?.keys() ?? [])].map((name) => [name, PROCESS]));
  const envVar = new Set<string>();
  const envCalls = new Set<string>();
  let constants: Map<string, ts.Expression> | undefined;
  const consts = () => (constants ??= constantsOf(sf));
  let exports: Set<string> | undefined;
  const exported = () => (exports ??= exportedNames(sf));
  const exportOf = (node: ts.Node, leaf?: string) => exportPath(node, exported, leaf);

  const worker = workerScope(sf, workerPackage);
  for (const name of worker.params) aliases.set(name, WORKER);
  for (const name of worker.typed) if (!aliases.has(name)) aliases.set(name, TYPED_WORKER);
  // Remix/Hydrogen load context: `context.env.X`, `{ env }` of it, and a parameter typed as the Worker `Env`.
  const remix = remixContexts(sf);
  for (const name of remix.envs) aliases.set(name, WORKER);
  for (const [local, binding] of importsOf(sf)) {
    if (ENV_MODULES.test(binding.module) && binding.imported === 'env') aliases.set(local, PROCESS);
    if (binding.module === 'cloudflare:workers' && binding.imported === 'env') aliases.set(local, WORKER);
    if (binding.module === 'env-var') envVar.add(local);
    // Prisma's config: `import { env } from 'prisma/config'`, `env('DATABASE_URL')`.
    if (binding.module === 'prisma/config' && binding.imported === 'env') envCalls.add(local);
  }
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !NAME_MODULES.test(st.moduleSpecifier.text)) continue;
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) {
      for (const el of named.elements) reads.push({ name: (el.propertyName ?? el.name).text, line: lineOf(el, sf), via: 'import', receiver: 'process', fallback: false });
    }
  }

  // Functions returning the environment (`allProcessEnv()` → `process.env`, or `{}` off Node): a call is env.
  const envFunctions = envReturningFunctions(sf);
  const receiver = (expr: ts.Expression): Receiver | undefined => {
    const e = skipParens(expr);
    if (ts.isIdentifier(e)) return aliases.get(e.text);
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.arguments.length === 0) return envFunctions.get(e.expression.text);
    if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'env') return undefined;
    const obj = skipParens(e.expression);
    if (ts.isIdentifier(obj) && obj.text === 'process') return PROCESS;
    if (ts.isIdentifier(obj) && obj.text === 'Bun') return { receiver: 'process', via: 'Bun.env' };
    // Hono's context (`c.env.X`) and a Worker entrypoint's `this.env.X`, in Worker code only.
    if (worker.context && ts.isIdentifier(obj) && HONO_CONTEXT.has(obj.text)) return WORKER;
    if (worker.context && obj.kind === ts.SyntaxKind.ThisKeyword) return WORKER;
    if (ts.isIdentifier(obj) && remix.contexts.has(obj.text)) return WORKER;
    if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'process' && ts.isIdentifier(obj.expression)) {
      return ['globalThis', 'global', 'window'].includes(obj.expression.text) ? PROCESS : undefined;
    }
    if (ts.isMetaProperty(obj) && obj.keywordToken === ts.SyntaxKind.ImportKeyword) return META;
    return undefined;
  };
  const isEnv = (e: ts.Expression) => receiver(e) !== undefined;
  let holder: ((e: ts.Expression) => boolean) | undefined;
  /** `...process.env`, or a copy of it: `...Object.fromEntries(Object.entries(process.env).filter(…))`. */
  const spreadsEnv = (e: ts.Expression): boolean => {
    if (isEnv(e)) return true;
    let found = false;
    walk(e, (n) => {
      if (!found && ts.isCallExpression(n) && /^Object\.(entries|keys)$/.test(n.expression.getText(sf)) && n.arguments[0] && isEnv(n.arguments[0])) found = true;
      return found ? false : undefined;
    });
    return found;
  };
  const read = (name: string, node: ts.Node, r: Receiver, fallback = hasFallback(node) || setBefore(node)) => {
    if (isAssigned(node)) assigned.push({ name, line: lineOf(node, sf) });
    else if (!isDeleted(node)) {
      // `'table' || process.env.X`: the literal always wins; the read is never used, so never one "without a fallback".
      if (shadowedByLiteral(node)) {
        reads.push({ name, line: lineOf(node, sf), via: r.via, receiver: r.receiver, fallback: true, shadowed: true, ...optional(exportOf(node)) });
        return;
      }
      const typedAs = r === TYPED_WORKER ? receiverType(node) : undefined;
      reads.push({ name, line: lineOf(node, sf), via: r.via, receiver: r.receiver, fallback, ...optional(exportOf(node)), ...(!fallback ? guardOf(node) : {}), ...(typedAs ? { typedAs } : {}) });
      const fn = envObjectFunction(node);
      if (fn) pushTo(envObjects, fn, { name, line: lineOf(node, sf) });
    }
  };

  // Every read, alias and schema call below holds `env` (`process.env`, `import.meta.env`, `loadEnv`, `Deno.env`,
  // `createEnv`), an alias, or an env-var binding: the walks enter only the parts of the tree that mention one.
  // Aliases first, so `env.X` before the alias's line in walk order is still seen.
  walkMentioning(sf, ENV_WORDS, (node) => {
    // A parameter defaulting to the environment (`function parseConfig({ env = process.env } = {})`, kept for tests).
    if ((ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name) && node.initializer && !(ts.isBindingElement(node) && node.propertyName)) {
      const r = receiver(node.initializer);
      if (r) aliases.set(node.name.text, r);
      return;
    }
    // `const { storefront, env } = context` of a load context: `env` is the environment.
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
      const from = skipParens(node.initializer);
      if (!ts.isIdentifier(from) || !remix.contexts.has(from.text)) return;
      for (const el of node.name.elements) {
        const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (key === 'env' && ts.isIdentifier(el.name) && !el.dotDotDotToken) aliases.set(el.name.text, WORKER);
      }
      return;
    }
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
    const init = skipParens(node.initializer);
    const r = receiver(init);
    const copied = r ? undefined : copyOfEnv(init, receiver);
    if (r && !ts.isIdentifier(init)) aliases.set(node.name.text, r);
    // `const baseEnv = { ...process.env }`: a copy reads what the environment holds, like an alias.
    else if (copied) aliases.set(node.name.text, copied);
    else if (ts.isCallExpression(init) && lastName(init.expression) === 'loadEnv') aliases.set(node.name.text, { receiver: 'process', via: 'loadEnv' });
    else if (ts.isCallExpression(init) && init.expression.getText(sf) === 'Deno.env.toObject') aliases.set(node.name.text, { receiver: 'process', via: 'Deno.env' });
    else if (ts.isCallExpression(init) && lastName(init.expression) === 'require' && ts.isStringLiteralLike(init.arguments[0]) && init.arguments[0].text === 'env-var') envVar.add(node.name.text);
  });

  const nestConfig = sf.text.includes('@nestjs/config') || /\bConfigService\b/.test(sf.text);
  // Fields typed ConfigService under any name (`cfg`, `configServie`): the walk must look inside calls on them too.
  const configTyped = nestConfig ? configServiceNames(sf) : new Set<string>();
  const extra = [...new Set([...aliases.keys(), ...envVar, ...envCalls, ...envFunctions.keys(), ...(nestConfig ? ['onfig', ...configTyped] : [])])].filter((a) => !/env|Env/.test(a)).map((a) => a.replace(/[$]/g, '\\$&'));
  walkMentioning(sf, extra.length === 0 ? ENV_WORDS : new RegExp(['env', 'Env', ...extra].join('|'), 'g'), (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const r = receiver(node.expression);
      if (r && isEnvName(node.name.text)) read(node.name.text, node, r);
    } else if (ts.isElementAccessExpression(node)) {
      const r = receiver(node.expression);
      if (!r) return;
      const key = staticString(node.argumentExpression, consts());
      if (key?.resolved && isEnvName(key.text)) {
        read(key.text, node, r);
        return;
      }
      if (isDeleted(node)) return;
      if (isAssigned(node)) {
        // `for (const k of ['A', 'B']) process.env[k] = …`: the loop's literal list names what is set.
        const listed = ts.isIdentifier(skipParens(node.argumentExpression)) ? loopNames(skipParens(node.argumentExpression) as ts.Identifier, consts()) : undefined;
        if (listed?.some(isEnvName)) {
          for (const name of listed.filter(isEnvName)) assigned.push({ name, line: lineOf(node, sf) });
          return;
        }
        dynamicSets.push({ line: lineOf(node, sf), expression: clip(outer(node).parent.getText(sf), 80), ...namePattern(key?.text) });
        return;
      }
      const arg = skipParens(node.argumentExpression);
      const listed = ts.isIdentifier(arg) ? loopNames(arg, consts()) : undefined;
      if (listed) {
        for (const name of listed.filter(isEnvName)) read(name, node, r);
        return;
      }
      // The list names enum members (`[Keys.OPENAI_API_KEY]`): the detector looks them up where `Keys` is declared.
      const members = ts.isIdentifier(arg) ? loopMembers(arg, consts()) : undefined;
      if (members) {
        dynamic.push({ line: lineOf(node, sf), expression: clip(node.getText(sf), 80), members, memberRead: { via: r.via, receiver: r.receiver, fallback: hasFallback(node) } });
        return;
      }
      const prefixed = prefixedHelperOf(arg, consts());
      // A prefix the file does not give (`${process.env.PREFIX}${name}`): the read stays open (no name is "not read"),
      // and the helper's calls know another name may serve.
      if (prefixed?.open) {
        dynamic.push({ line: lineOf(node, sf), expression: clip(node.getText(sf), 80), ...namePattern(key?.text) });
        helpers.push(prefixed.helper);
        return;
      }
      const helper = (ts.isIdentifier(arg) ? listHelperOf(arg) : undefined) ?? helperOf(arg) ?? prefixed?.helper;
      if (helper) {
        helpers.push(helper.list ? helper : withOutcome(helper, node, enclosingFunction(node)));
        helperFns.add(enclosingFunction(node));
      } else pending.push({ node, read: { line: lineOf(node, sf), expression: clip(node.getText(sf), 80), ...namePattern(key?.text) } });
    } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
      const r = receiver(node.initializer);
      if (!r) return;
      for (const el of node.name.elements) {
        const name = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        // No default: the fallback may be at the binding's uses (`const { A, B } = process.env` … `A || B || ''`).
        if (!name || el.dotDotDotToken || !isEnvName(name)) continue;
        const fallback = el.initializer !== undefined || everyUseCopes(el, hasFallback);
        // `const { X } = process.env; invariant(typeof X === 'string', …)`: checked before use, the code fails unset.
        // `const { X = '' } = process.env; if (!X) throw …`: the empty default is rejected too.
        const falsy = el.initializer !== undefined && isFalsyLiteral(el.initializer);
        const check = !fallback ? bindingFails(el) : falsy ? bindingFails(el, true) : undefined;
        const required = check ? { required: enclosingFunction(el) ? ('check' as const) : ('guard' as const), checkedAt: lineOf(check, sf) } : {};
        reads.push({ name, line: lineOf(el, sf), via: 'destructuring', receiver: r.receiver, fallback: fallback && !check, ...required });
      }
    } else if (ts.isCallExpression(node)) {
      callRead(node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isEnv(node.left) && ts.isObjectLiteralExpression(skipParens(node.right))) {
      // `process.env = { X: … }`: the literal keys are set.
      const obj = skipParens(node.right) as ts.ObjectLiteralExpression;
      if (!obj.properties.some((p) => ts.isSpreadAssignment(p) && isEnv(p.expression))) assigned.push(...literalKeys(obj));
    } else if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'env' && ts.isObjectLiteralExpression(node.initializer) && harnessEnv(node)) {
      // A test harness's environment for what it starts: Playwright's `webServer: { env: { PORT } }`, Vitest's `test: { env }`.
      assigned.push(...literalKeys(node.initializer));
    } else if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'env' && ts.isObjectLiteralExpression(node.initializer) && CYPRESS_CONFIG.test(sf.fileName)) {
      cypressDefaults.push(...cypressConfigEnv(node));
    } else if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === 'env' && (ts.isStringLiteralLike(node.initializer) || ts.isArrayLiteralExpression(node.initializer) || ts.isIdentifier(node.initializer))) {
      // figue / convict: `{ doc, schema, default, env: 'PORT' }` is a read of PORT by the library.
      const found = configDefinitionReads(node, consts());
      reads.push(...found.reads);
      dynamic.push(...found.dynamic);
      configConstants.push(...found.constants);
    } else if (ts.isObjectLiteralExpression(node) && node.properties.some((p) => ts.isSpreadAssignment(p) && spreadsEnv(p.expression))) {
      // `{ ...process.env, X: … }`: a new environment, for `process.env` itself or a child process (`spawn(cmd, { env })`),
      // or a filtered copy handed to the browser (`{ ...Object.fromEntries(Object.entries(process.env)…), X: … }`).
      // A method added to the copy (`{ ...env, toJSON: () => ({}) }`) shapes the object; it sets no variable.
      // `{ ...process.env, ...env }` in `function run(script, env)`: the keys callers of `run` pass (sets-passed.ts).
      assigned.push(...literalKeys(node, true), ...passedEnvKeys(node, passedProperties));
    }
  });

  function callRead(node: ts.CallExpression): void {
    const callee = node.expression;
    const cypress = cypressEnvCall(node, consts());
    if (cypress) {
      if (cypress.sets) assigned.push({ name: cypress.name, line: cypress.line });
      else reads.push({ name: cypress.name, line: cypress.line, via: 'Cypress.env', receiver: 'process', fallback: hasFallback(node) });
      return;
    }
    if (ts.isIdentifier(callee) && envCalls.has(callee.text)) {
      const key = staticString(node.arguments[0], consts());
      if (key?.resolved && isEnvName(key.text)) reads.push({ name: key.text, line: lineOf(node, sf), via: 'helper', receiver: 'process', fallback: false });
      return;
    }
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (method && ts.isPropertyAccessExpression(callee) && callee.expression.getText(sf) === 'Deno.env') {
      const key = staticString(node.arguments[0], consts());
      if (!key?.resolved || !isEnvName(key.text)) return;
      if (method === 'set') assigned.push({ name: key.text, line: lineOf(node, sf) });
      else if (method === 'get' || method === 'has') read(key.text, node, { receiver: 'process', via: 'Deno.env' });
      return;
    }
    // NestJS: `this.configService.get<string>('JWT_SECRET')` / `getOrThrow('PORT')` read the process environment (a
    // dotted key, `database.host`, is a config namespace, not a variable: isEnvName leaves it out).
    if ((method === 'get' || method === 'getOrThrow') && nestConfig && isConfigReceiver(sf, (callee as ts.PropertyAccessExpression).expression, configTyped)) {
      const key = staticString(node.arguments[0], consts());
      if (key?.resolved && isEnvName(key.text) && /^[A-Z][A-Z0-9_]*$/.test(key.text)) {
        reads.push({ name: key.text, line: lineOf(node, sf), via: 'helper', receiver: 'process', fallback: method === 'get' && node.arguments.length > 1 });
      }
      return;
    }
    if ((method === 'get' && isEnvVarSource((callee as ts.PropertyAccessExpression).expression)) || (ts.isIdentifier(callee) && callee.text === 'get' && envVar.has('get'))) {
      const key = staticString(node.arguments[0], consts());
      // `.required()` throws when unset (at load for a module-level read); `.required(false)` and `.default(x)` do not.
      const fallback = chainHas(node, 'default');
      const required = !fallback && chainCall(node, 'required')?.arguments[0]?.kind !== ts.SyntaxKind.FalseKeyword && chainHas(node, 'required');
      if (key?.resolved && isEnvName(key.text)) {
        reads.push({
          name: key.text,
          line: lineOf(node, sf),
          via: 'env-var',
          receiver: 'process',
          fallback,
          ...(required ? { required: inFunction(node) ? ('check' as const) : ('guard' as const) } : {}),
          ...optional(exportOf(chainEnd(node))),
        });
      }
      return;
    }
    if (lastName(callee) === 'assign' && callee.getText(sf) === 'Object.assign' && node.arguments[0] && isEnv(node.arguments[0])) {
      for (const a of node.arguments.slice(1)) {
        if (!ts.isObjectLiteralExpression(a)) continue;
        for (const p of a.properties) {
          const name = p.name && propertyNameText(p.name as ts.PropertyName);
          if (name && isEnvName(name)) assigned.push({ name, line: lineOf(p, sf) });
        }
      }
      return;
    }
    if (/^Object\.(entries|keys)$/.test(callee.getText(sf)) && node.arguments[0] && isEnv(node.arguments[0])) {
      const prefix = copyPrefix(node, consts());
      if (prefix) dynamic.push({ line: lineOf(node, sf), expression: clip(node.getText(sf), 80), pattern: `^${prefix}.*$`, prefix });
      return;
    }
    if (isArkenvCall(sf, node)) {
      for (const k of arkenvKeys(node, consts())) reads.push({ name: k.text, line: k.line, via: 'schema', receiver: 'process', fallback: k.fallback, ...optional(exportOf(node, k.text)), ...schemaFacts(k) });
      return;
    }
    if (lastName(callee) === 'createEnv') {
      for (const k of createEnvKeys(node, consts())) reads.push({ name: k.text, line: k.line, via: 'schema', receiver: 'process', fallback: k.fallback, ...optional(exportOf(node, k.text)), ...schemaFacts(k) });
      return;
    }
    // `envSchema.parse(env)` with `env` an alias or a parameter handed `process.env` validates it (schema-fallbacks.ts).
    const holdsEnv = (holder ??= envHolders(sf, isEnv));
    const parsesEnv = parsesEnvName(node, holdsEnv);
    const passed = !parsesEnv && passedAlias(node);
    if (passed) {
      dynamic.push(passed);
      return;
    }
    if (!parsesEnv && !node.arguments.some((a) => isEnv(a) && !ts.isIdentifier(skipParens(a)))) return;
    const validated = node.arguments.filter((a) => !isEnv(a)).flatMap((a) => classValidatorKeys(sf, skipParens(a)));
    const keys = validated.length > 0 ? validated : schemaKeys(node, holdsEnv, consts());
    for (const k of keys) reads.push({ name: k.text, line: k.line, via: 'schema', receiver: 'process', fallback: k.fallback, ...optional(exportOf(node, k.text)), ...schemaFacts(k) });
    if (keys.length > 0) return;
    if (!PARSE_CALL.test(method ?? lastName(callee) ?? '')) {
      // `build(process.env)`, `loadConfig(process.env)`: not a schema, so the function reads it like an alias.
      const direct = passedAlias(node, true);
      if (direct) dynamic.push(direct);
      return;
    }
    // A validating call whose schema is imported: the detector reads it in that module; otherwise every variable
    // it checks is read, none known by name.
    const expression = clip(node.getText(sf), 80);
    const candidates = [...(method ? [skipParens((callee as ts.PropertyAccessExpression).expression)] : []), ...node.arguments.filter((a) => !isEnv(a))];
    const imports = importsOf(sf);
    const binding = candidates.map((c) => (ts.isIdentifier(c) ? imports.get(c.text) : undefined)).find((b) => b);
    if (binding) schemaImports.push({ module: binding.module, imported: binding.imported, line: lineOf(node, sf), expression, ...optional(exportOf(node)) });
    else dynamic.push({ line: lineOf(node, sf), expression });
  }

  /**
   * `configFor(processEnv)`, `envConfigs.devConfig(env)`: an alias of `process.env` handed to a function, which may read
   * any variable. It is a read by a computed name unless the detector finds the function and its reads (reads-passed.ts).
   */
  function passedAlias(node: ts.CallExpression, direct = false): RawDynamic | undefined {
    const param = node.arguments.findIndex((a) => (direct ? receiver(a) === PROCESS : ts.isIdentifier(skipParens(a)) && receiver(a)?.receiver === 'process' && receiver(a) !== TYPED_WORKER));
    const callee = skipParens(node.expression);
    if (param < 0 || /^(console|JSON|Object)\./.test(callee.getText(sf))) return undefined;
    const expression = clip(node.getText(sf), 80);
    const line = lineOf(node, sf);
    const head = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (!head) return { line, expression };
    const binding = importsOf(sf).get(head);
    const member = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    // A method of an imported module object (`envConfigs.devConfig`), an imported function, or one of this file.
    const flag = direct ? { direct: true as const } : {};
    if (binding) return { line, expression, passedTo: { module: binding.module, name: member ?? binding.imported, param, ...flag } };
    return ts.isIdentifier(callee) ? { line, expression, passedTo: { name: callee.text, param, ...flag } } : { line, expression };
  }

  /** `env.get` where `env` is env-var's default or namespace import, or `from(process.env)`. */
  function isEnvVarSource(expr: ts.Expression): boolean {
    const e = skipParens(expr);
    if (ts.isIdentifier(e)) return envVar.has(e.text);
    return ts.isCallExpression(e) && lastName(e.expression) === 'from' && (envVar.has(e.expression.getText(sf).split('.')[0]) || e.arguments.some(isEnv));
  }

  if (sf.text.includes('validationSchema')) schemaImports.push(...nestValidationSchemas(sf));
  if (FASTIFY_ENV_TEXT.test(sf.text)) {
    const found = fastifyEnvKeys(sf, consts(), isEnv);
    for (const k of found.keys) reads.push({ name: k.text, line: k.line, via: 'schema', receiver: 'process', fallback: k.fallback, ...schemaFacts(k) });
    schemaImports.push(...found.imports);
  }
  if (reads.length > 0 && /[pP]arse\(/.test(sf.text)) renamedSchemaReads(sf, reads, consts());
  for (const p of pending) if (!helperFns.has(enclosingFunction(p.node))) dynamic.push(p.read);
  if (helpers.length > 0) helpers.push(...wrappingHelpers(sf, helpers));
  const objects = [...envObjects].map(([fn, names]) => ({ fn, names }));
  const parses = objectParses(sf, isEnv);
  return { reads, dynamic, dynamicSets, helpers, assigned, schemaImports, exportsEnv: envExports(sf, isEnv), configConstants, cypressDefaults, ...(objects.length ? { envObjects: objects } : {}), ...(parses.length ? { objectParses: parses } : {}), ...(passedProperties.length ? { passedProperties } : {}) };
}

/** `PREFIX_${x}_URL` (a partly resolved key) → `^PREFIX_.*_URL$`; nothing when no literal part is left. */
function namePattern(text: string | undefined): { pattern?: string } {
  if (!text) return {};
  const parts = text.split(/\$\{[^}]*\}/);
  if (parts.every((p) => p === '')) return {};
  return { pattern: `^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$` };
}
