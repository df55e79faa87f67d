import { isComposeName, isDockerfileName } from '../../scan/file-kinds.js';
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex, TreeMemo } from '../../scan/repo-index.js';
import { isSourceFile, parseSource, type ts } from '../../scan/ts.js';
import { mentions } from '../shared/ast.js';
import { isDotenvFile } from './dotenv.js';
import { isEnvName } from './names.js';
import { WRANGLER_CONFIG, WRANGLER_EXAMPLE, wranglerExampleNames } from '../other-infra/wrangler.js';
import { WRITES_FILES, writtenDotenv } from './sets-written.js';
import { DOTENV_LOAD_TEXT, dotenvLoads, loadTargets } from './dotenv-loads.js';
import { envReadsOf, WORKER_TEXT, type EnvHelper } from './reads.js';
import { mergeHelper } from './reads-helper-outcome.js';
import { TYPED_ENV_TEXT } from './reads-receivers.js';
import type { FileEnvReads, RawDynamic, RawRead } from './raw-reads.js';
import { isGenerated, isGeneratedPath } from '../shared/source-scope.js';
import { inlineCodeReads, INLINE_CODE_TEXT } from './reads-inline-code.js';
import { libraryCallReads, LIBRARY_CALL_TEXT } from './reads-library-calls.js';
import { envReadsInText, goReads, GO_FILE, pythonCdkSets, pythonEnv, PYTHON_FILE, springReads, SPRING_CONFIG } from './reads-text.js';
import { composeEnv, readCompose } from './sets-compose.js';
import { dockerfileEnv } from './sets-dockerfile.js';
import { dockerfileReads } from './reads-dockerfile.js';
import { importedPropertyKeys } from './sets-passed.js';
import { codeCommandEnv, EXEC_TEXT, packageScriptEnv, SCRIPT_FILE, scriptEnv } from './sets-scripts.js';
import { IAC_WORDS, iacEnvSets, type IacEnvSet } from './sets-iac.js';
import { undeployedStackClasses } from '../cdk/index.js';
import { KUBERNETES_TEXT, kubernetesEnv, readManifests, type ManifestFile } from './sets-kubernetes.js';
import { PLATFORM_FILE, platformEnv, TEMPLATE_FILE, TEMPLATE_TEXT, templateEnv } from './sets-platform.js';
import { passedEnvReads } from './reads-passed.js';
import { ACCESSOR_TEXT, accessorReads } from './reads-accessor.js';
import { SHAPE_TEXT, shapeVerdicts } from './schema-shape.js';
import { valueRefVerdicts } from './schema-value-refs.js';
import { browserHandoffs, type EnvObjectFunction } from './browser-handoff.js';
import type { EnvDeclaredFact, EnvDotenvLoadData, EnvDotenvLoadFact, EnvSetData } from './types.js';
import { pushTo } from '../../collections.js';
import { SUPABASE_CONFIG, supabaseConfigReads } from './reads-supabase-config.js';
import { withParsedType } from './reads-parsed-type.js';
import { configConstantRead, frameworkSchema, helperReads, HELPER_CALLS, importedEnvReads, importedSchemaReads, memberLoopReads, prismaEnvReads } from './cross-file-reads.js';
import { declared, typedNames } from './declared.js';
import { FastifySchemas } from './fastify-env-schema.js';
import { OBJECT_PARSE_TEXT, objectParseReads } from './reads-schema-objects.js';
import { browserFact, consumedFact, dynamicFact, externalFact, group, setFact } from './read-facts.js';

export type * from './types.js';
export { looksSecret, isBuiltin } from './names.js';
export { runtimeProvider, type RuntimeProvider } from './runtime.js';
export { isDotenvFile, isExampleDotenv } from './dotenv.js';

/** A compose file by its content (`coolify-deployment.yaml`, `stack.yml`): top-level `services:` with an image or build. */
const COMPOSE_TEXT = /^services:\s*$[\s\S]*^\s{2,}(image|build):/m;
/** Test-harness configs that set the environment of what they start (`webServer.env`, `test.env`). */
const HARNESS_CONFIG = /(^|\/)(playwright|vitest|vite|cypress)\.config\.[cm]?[jt]s$/;
/** Hono's context env (`c.env.X`): Worker env in a package with wrangler config. */
const CONTEXT_ENV = /\b(c|ctx|context)\.env\.\w/;
// MDX is left out: a docs page shows `process.env.X` in prose and code samples far more often than it reads one.
const TEXT_SOURCES = /\.(astro|vue|svelte|html)$/;
/** Words every read form holds (`env: 'PORT'`, `env: [` are figue/convict setting definitions, reads-config-def.ts): a file without one of them is never parsed for reads (one regex: one pass). */
const READ_WORDS = /['"](@fastify\/env|fastify-env|env-schema|arkenv|@arkenv\/[\w-]+)['"]|Cypress\.env\(|\benv\s*:\s*(?:['"`]?[A-Z_]|\[)|process\.env|import\.meta\.env|loadEnv|Deno\.env|Bun\.env|env-var|prisma\/config|\$env\/|astro:env|node:process|['"]process['"]|cloudflare:workers|\b(c|ctx|context|this)\.env\.|\b(fetch|scheduled|queue)\s*\(\s*\w+[^,()]*,\s*\w*env\b|\benv\b[^;=()]*\}\s*=\s*context\b|\benv\b[^;=()]*\}\s*:\s*AppLoadContext\b|\benv\??\s*:\s*(?:Readonly<\s*)?\w*Env\b/;
// Every read form holds `env` or `Env` (an import of `node:process` is then read as `env.X`): a cheap test first.
const mentionsRead = (text: string | undefined): text is string =>
  text !== undefined && (((text.includes('env') || text.includes('Env')) && (READ_WORDS.test(text) || OBJECT_PARSE_TEXT.test(text))) || text.includes('validationSchema') || CONFIG_SERVICE.test(text));
/** NestJS `configService.get('X')`: a file that uses the ConfigService reads variables through it. */
const CONFIG_SERVICE = /ConfigService\b[\s\S]*\.(get|getOrThrow)\s*(<[^>]*>)?\s*\(\s*['"][A-Z]/;
/** YAML that is neither a manifest nor a template: CI files, lock files, compose (read apart), Serverless (other-infra). */
const YAML_ELSEWHERE = /(^|\/)(\.github|\.gitlab|\.circleci|\.buildkite)\/|(^|\/)(pnpm-lock\.yaml|\.gitlab-ci\.yml|serverless\.ya?ml|bitbucket-pipelines\.yml|azure-pipelines\.ya?ml|\.travis\.yml|mkdocs\.ya?ml|\.pre-commit-config\.yaml|\.yarnrc\.yml)$/;

/**
 * The reads in one source file. Step 8 needs them for nearly every file steps 3 and 5 parsed, so they are computed
 * from those trees while they exist rather than by parsing everything a second time.
 */
const ENV_READS: TreeMemo<FileEnvReads> = {
  namespace: 'env.reads@89',
  wants: (file, text) => !isGeneratedPath(file) && (HARNESS_CONFIG.test(file) ? text.includes('env') : mentionsRead(text)),
  compute: envReadsOf,
};

/** Environment blocks in CDK/SST/Pulumi code (Alchemy's bindings too), computed while the CDK and infrastructure detectors hold the trees. */
const IAC_SETS: TreeMemo<IacEnvSet[]> = {
  namespace: 'env.iac-sets@7',
  wants: (file, text) => !isGeneratedPath(file) && (text.includes('nvironment') || text.includes('secrets') || text.includes('env:') || text.includes('bindings')) && IAC_WORDS.test(text),
  compute: iacEnvSets,
};


/**
 * Whether a line lies in a stack class the CDK app never instantiates: what it sets is set on nothing deployed (a
 * Lambda of a stack whose `new` is commented out), so it is no "Set in" site.
 */
function inUndeployedStack(index: RepoIndex, file: string, line: number): boolean {
  return undeployedStackClasses(index).some((c) => c.file === file && (index.lineAt(file, c.start) ?? Infinity) <= line && line <= (index.lineAt(file, c.end) ?? -Infinity));
}

/**
 * Environment variables: where the code reads them, where deployment and tool configuration sets them (compose,
 * Dockerfiles, Kubernetes, CDK/SST/Pulumi code, SAM templates, hosting platforms, the code itself), and the names
 * dotenv files and `vite-env.d.ts` declare. CDK Lambda environments, Serverless/SST functions and CI `env:` come from
 * their own detectors; `src/model/env.ts` joins them all into one view.
 */
export const envDetector: Detector = {
  id: 'env',
  isEnabled: () => true,
  treeMemos: [ENV_READS, IAC_SETS, HELPER_CALLS],
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    const helpers = new Map<string, EnvHelper>();
    const manifests: { file: string; manifest: ManifestFile }[] = [];
    const envModules = new Map<string, readonly string[]>();
    const firstPass = new Map<string, Set<string>>();
    const envObjects = new Map<string, EnvObjectFunction[]>();
    const passed = new Map<string, RawRead[]>();
    const fastify = new FastifySchemas();
    const sets = (list: readonly EnvSetData[]) => facts.push(...list.map(setFact));
    let workers: Set<string> | undefined;
    const workerDirs = () => (workers ??= new Set(index.files.filter((f) => WRANGLER_CONFIG.test(f)).map((f) => index.packageOf(f)?.dir ?? '')));
    for (const file of index.files) {
      if (isGenerated(index, file)) continue;
      if (SPRING_CONFIG.test(file)) {
        const text = index.read(file);
        if (text?.includes('${')) facts.push(...group(index, file, springReads(text)));
        continue;
      }
      if (isDotenvFile(file, () => index.read(file))) {
        facts.push(...declared(index, file));
        continue;
      }
      // wrangler.toml.example: its vars and binding names are declared there, as in a dotenv example (values never read).
      if (WRANGLER_EXAMPLE.test(file)) {
        const pkg = index.packageOf(file)?.name ?? '';
        for (const { name, line } of index.memo('env.wrangler-example@1', file, (text) => wranglerExampleNames(file, text)) ?? []) {
          if (!isEnvName(name)) continue;
          facts.push({ kind: 'env.declared', id: `${name} ${file}:${line}`, data: { name, file, line, package: pkg, source: 'example' }, at: [{ file, line }] } satisfies EnvDeclaredFact);
        }
        continue;
      }
      if (isComposeName(file) || (TEMPLATE_FILE.test(file) && !YAML_ELSEWHERE.test(file) && COMPOSE_TEXT.test(index.read(file) ?? ''))) {
        const compose = index.memo('env.compose@2', file, readCompose);
        if (!compose) continue;
        const found = composeEnv(index, file, compose);
        sets(found.sets);
        facts.push(...found.consumed.map(consumedFact), ...found.external.map(externalFact));
        continue;
      }
      // Per-file results of parsed config are kept across runs (`index.memo`): YAML parsing is the costly part.
      if (SCRIPT_FILE.test(file)) {
        sets(index.memo('env.script@3', file, (text) => scriptEnv(file, text)) ?? []);
        continue;
      }
      // A program that runs a command line with variables in front of it (`execSync(\`cross-env X=1 cdk deploy\`)`).
      if (/\.[cm]?[jt]sx?$/.test(file) && !file.endsWith('.d.ts')) {
        const text = index.read(file);
        if (text && (text.includes('exec') || text.includes('spawn')) && EXEC_TEXT.test(text)) sets(index.memo('env.exec-commands@1', file, (t) => codeCommandEnv(file, t)) ?? []);
        if (text && DOTENV_LOAD_TEXT.test(text)) facts.push(...dotenvLoadFacts(index, file));
        // `Redis.fromEnv()`, @vercel/kv's `kv`: the client reads its variables; ids kept apart from the file's own reads.
        if (text && LIBRARY_CALL_TEXT.test(text)) facts.push(...group(index, file, index.memo('env.library-calls@1', file, libraryCallReads) ?? []).map((f) => ({ ...f, id: `${f.id} library` })));
        if (text && WRITES_FILES.test(text) && text.includes('=')) {
          const written = index.memo('env.written-dotenv@2', file, (t) => writtenDotenv(file, t));
          if (written) {
            sets(written.sets);
            for (const d of written.dynamic) facts.push(dynamicFact('env.dynamic-set', file, d));
          }
        }
      }
      if (/(^|\/)package\.json$/.test(file)) {
        sets(index.memo('env.npm-scripts@2', file, (text) => packageScriptEnv(file, text)) ?? []);
        continue;
      }
      if (isDockerfileName(file)) {
        sets(index.memo('env.dockerfile@3', file, (text) => dockerfileEnv(file, text)) ?? []);
        // The container's command reads what compose, Kubernetes or `docker run -e` hand it.
        const text = index.read(file);
        if (text?.includes('$')) facts.push(...group(index, file, index.memo('env.dockerfile-reads@3', file, dockerfileReads) ?? []));
        continue;
      }
      if (PLATFORM_FILE.test(file)) {
        sets(index.memo('env.platform@3', file, (text) => platformEnv(file, text)) ?? []);
        continue;
      }
      if (TEMPLATE_FILE.test(file) && !YAML_ELSEWHERE.test(file)) {
        const text = index.read(file);
        if (text === undefined) continue;
        if (TEMPLATE_TEXT.test(text)) sets(index.memo('env.template@1', file, (t) => templateEnv(file, t)) ?? []);
        if (TEMPLATE_TEXT.test(text) && INLINE_CODE_TEXT.test(text)) facts.push(...group(index, file, index.memo('env.inline-code@1', file, inlineCodeReads) ?? []));
        // Helm templates (`{{ .Values.x }}`) are not YAML until rendered; the text safety net still sees their names.
        else if (KUBERNETES_TEXT.test(text) && !text.includes('{{')) {
          const manifest = index.memo('env.manifests@2', file, readManifests);
          if (manifest) manifests.push({ file, manifest });
        }
        continue;
      }
      if (PYTHON_FILE.test(file) || GO_FILE.test(file)) {
        const text = index.read(file);
        if (!text || !/environ|getenv|Getenv|LookupEnv|aws_cdk/.test(text)) continue;
        if (GO_FILE.test(file)) {
          facts.push(...group(index, file, goReads(text)));
          continue;
        }
        const py = pythonEnv(text);
        facts.push(...group(index, file, py.reads), ...py.dynamicSets.map((d) => dynamicFact('env.dynamic-set', file, d)), ...py.dynamic.map((d) => dynamicFact('env.dynamic', file, d)));
        sets(py.assigned.map((a) => ({ name: a.name, file, line: a.line, kind: 'code' as const, tool: 'code' })));
        sets(pythonCdkSets(text).map((c) => ({ ...c, file, kind: 'iac' as const, tool: 'AWS CDK' })));
        continue;
      }
      if (SUPABASE_CONFIG.test(file)) {
        facts.push(...group(index, file, supabaseConfigReads(index.read(file) ?? '')));
        continue;
      }
      if (file.endsWith('.prisma')) {
        facts.push(...group(index, file, prismaEnvReads(index.read(file) ?? '')));
        continue;
      }
      const parseable = isSourceFile(file);
      const typed = file.endsWith('.d.ts');
      if (!parseable && !typed && !TEXT_SOURCES.test(file)) continue;
      const text = index.read(file);
      if (parseable && text && ACCESSOR_TEXT.test(text)) {
        for (const d of index.memo('env.accessor-calls@1', file, accessorReads) ?? []) facts.push({ ...dynamicFact('env.dynamic', file, d), id: `${file}:${d.line} ${d.expression}` });
      }
      if (typed) {
        if (mentions(text, ['ImportMetaEnv', 'ProcessEnv', 'interface Env'])) facts.push(...typedNames(index, file, text!));
        continue;
      }
      if (parseable && IAC_SETS.wants(file, text ?? '')) {
        const deployed = (index.treeMemo(IAC_SETS, file) ?? []).filter((s) => s.tool !== 'AWS CDK' || !inUndeployedStack(index, file, s.line));
        sets(deployed.map((s) => ({ ...s, file, kind: 'iac' as const })));
      }
      if (!(text !== undefined && ENV_READS.wants(file, text))) continue;
      if (parseable) {
        // `c.env.X` in a Worker package's file that does not say it is Worker code (`c: AppContext` from another module).
        // Likewise a parameter `env: ApiEnv` there: the Worker's env handed to a helper (reads-receivers.ts).
        const worker = (CONTEXT_ENV.test(text) || TYPED_ENV_TEXT.test(text)) && !WORKER_TEXT.test(text) && workerDirs().has(index.packageOf(file)?.dir ?? '');
        const result = worker ? withTree(index, file, (sf) => envReadsOf(sf, undefined, true)) : index.treeMemo(ENV_READS, file);
        if (!result) continue;
        const { reads, dynamic, dynamicSets, helpers: found, assigned, schemaImports, exportsEnv, configConstants, cypressDefaults } = result;
        if (exportsEnv.length) envModules.set(file, exportsEnv);
        if (result.envObjects?.length) envObjects.set(file, result.envObjects);
        firstPass.set(file, new Set(reads.map((r) => `${r.name}:${r.line}`)));
        // One helper is found at each of its reads (a check and a return): it keeps what any of them says.
        const own = new Map<string, EnvHelper>();
        for (const h of found) own.set(h.name, mergeHelper(own.get(h.name), h));
        for (const h of own.values()) helpers.set(h.name, h);
        const imported = [...schemaImports.filter((s) => !s.defaultsOnly && !s.fastify).flatMap((s) => importedSchemaReads(index, file, s)), ...(configConstants ?? []).map((c) => configConstantRead(index, file, c))];
        // `clientSchema.safeParse(clientEnv)` with either imported: the object's reads, checked here (reads-schema-objects.ts).
        imported.push(...(result.objectParses ?? []).flatMap((p) => objectParseReads(index, file, p)));
        // `@fastify/env` / env-schema: an imported schema is read at its keys in its module (fastify-env-schema.ts).
        imported.push(...fastify.add(index, file, text, reads, schemaImports));
        const validated = schemaImports.filter((s) => s.defaultsOnly).map((s) => frameworkSchema(index, file, s));
        sets(validated.flatMap((v) => v.defaults));
        for (const v of validated) if (v.required.length) facts.push(...group(index, v.file, v.required));
        const looped = dynamic.map((d) => memberLoopReads(index, file, d));
        // An alias handed to a function (`devConfig(processEnv)`): the function's reads, kept per file until the end.
        const handed = dynamic.map((d) => passedEnvReads(index, file, d));
        for (const h of handed) if (h) pushTo(passed, h.file, ...h.reads);
        // `envSchema.shape.X.parse(process.env.X)`: the read takes the member's verdict (schema-shape.ts).
        const judged = valueRefVerdicts(index, file, withParsedType(index, file, SHAPE_TEXT.test(text) ? shapeVerdicts(index, file, reads) : reads));
        facts.push(...group(index, file, [...judged, ...looped.flat(), ...imported.filter((r): r is RawRead => 'name' in r)]));
        for (const d of [...dynamic.filter((_, i) => looped[i].length === 0 && !handed[i]), ...imported.filter((r): r is RawDynamic => !('name' in r))]) facts.push(dynamicFact('env.dynamic', file, d));
        for (const d of dynamicSets) facts.push(dynamicFact('env.dynamic-set', file, d));
        sets(assigned.map((a) => ({ name: a.name, file, line: a.line, kind: 'code' as const, tool: 'code' })));
        // `run('a.js', bootstrap.smokeEnv)` into a child's env: the keys where an imported module builds `smokeEnv`.
        if (result.passedProperties) sets(importedPropertyKeys(index, file, text, result.passedProperties).map((a) => ({ ...a, kind: 'code' as const, tool: 'code' })));
        sets((cypressDefaults ?? []).map((a) => ({ name: a.name, file, line: a.line, kind: 'framework-config' as const, tool: 'Cypress config' })));
      } else {
        // Component files: the script part is parsed (so code samples in strings are not reads), the markup scanned.
        const { script, markup } = splitComponent(text!);
        const reads = envReadsInText(markup);
        if (mentionsRead(script)) reads.push(...envReadsOf(parseSource(`${file}.ts`, script)).reads);
        facts.push(...group(index, file, reads));
      }
    }
    if (manifests.length > 0) {
      const k8s = kubernetesEnv(index, manifests);
      sets(k8s.sets);
      facts.push(...k8s.external.map(externalFact));
    }
    for (const [file, list] of passed) {
      // The function's own `process.env.X` reads are the file's already (as the first pass found them, a Worker
      // package's file read with its env parameters too); one read per line and name.
      const own = firstPass.get(file) ?? new Set((index.treeMemo(ENV_READS, file)?.reads ?? []).map((r) => `${r.name}:${r.line}`));
      const reads = [...new Map(list.filter((r) => !own.has(`${r.name}:${r.line}`)).map((r) => [`${r.name}:${r.line}`, r])).values()];
      facts.push(...group(index, file, reads).map((f) => ({ ...f, id: `${f.id} via argument` })));
    }
    facts.push(...fastify.facts(index));
    if (helpers.size > 0) facts.push(...helperReads(index, helpers));
    if (envModules.size > 0) facts.push(...importedEnvReads(index, envModules, firstPass));
    if (envObjects.size > 0) facts.push(...browserHandoffs(index, envObjects, (f) => isGenerated(index, f)).map(browserFact));
    return facts;
  },
};

function withTree<T>(index: RepoIndex, file: string, fn: (sf: ts.SourceFile) => T): T | undefined {
  const sf = index.parse(file);
  return sf ? fn(sf) : undefined;
}






/** `process.loadEnvFile('.env.example')`: the file the code loads, when the repository holds it (`loads`). */
function dotenvLoadFacts(index: RepoIndex, file: string): EnvDotenvLoadFact[] {
  return (index.memo('env.dotenv-loads@1', file, dotenvLoads) ?? []).map((l) => {
    const loads = loadTargets(l, file, index.packageOf(file)?.dir ?? '').find((f) => index.has(f));
    const data: EnvDotenvLoadData = { file, line: l.line, how: l.how, path: l.path, ...(loads ? { loads } : {}) };
    return { kind: 'env.dotenv-load', id: `${file}:${l.line} ${l.path}`, data, at: [{ file, line: l.line }] };
  });
}












/**
 * Splits an `.astro`/`.vue`/`.svelte` file into its script (Astro frontmatter, `<script>` blocks) and its markup, each
 * the full length of the file with the other part blanked, so line numbers stay true.
 */
export function splitComponent(text: string): { script: string; markup: string } {
  const ranges: [number, number][] = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) ranges.push([front.index + 4, front.index + 4 + front[1].length]);
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = (m.index ?? 0) + m[0].indexOf('>') + 1;
    ranges.push([start, start + m[1].length]);
  }
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let script = '';
  let markup = '';
  let pos = 0;
  for (const [a, b] of ranges.sort((x, y) => x[0] - y[0])) {
    if (a < pos) continue;
    script += blank(text.slice(pos, a)) + text.slice(a, b);
    markup += text.slice(pos, a) + blank(text.slice(a, b));
    pos = b;
  }
  script += blank(text.slice(pos));
  markup += text.slice(pos);
  return { script, markup };
}

