/**
 * The environment model: every variable with where the code reads it and every place that sets it — CDK, SST,
 * Serverless and Pulumi code, compose, Dockerfiles, Kubernetes, SAM templates, hosting platforms, CI, dotenv files,
 * typed declarations, the runtime — built once per fact set. Steps 5, 8, 9 and 10 render from it and the env
 * negative-claim topics conclude from it, so no two sections disagree about a variable.
 */
import { cdkDetector } from '../detectors/cdk/index.js';
import { composeDetector, type ComposeServiceFact } from '../detectors/compose/index.js';
import { dockerfileScope, type DockerfileScope } from './dockerfile-scope.js';
import { dockerfileSetReaches } from './dockerfile-stages.js';
import { isDockerfileName } from '../scan/file-kinds.js';
import { consumersOf, explicitDotenvLoads } from './env-consumers.js';
import { preloadedFiles } from './env-preloads.js';
import { compare, isTestPath as isTestFile, type DynamicRead, type EnvVarView, type ReadEvidence, type SetKind, type SetSite } from './env-views.js';
import { collectEnvVars } from './env-vars.js';
import { importedByLambdaCode } from './env-lambda-imports.js';
import { workspaceDependencies } from './workspace-dependencies.js';
import { DOTENV_PLUGIN_WHAT, dotenvPluginSources, includedEnvironments, ServiceScopes, type ExternalSource } from './env-services.js';
import type { CdkLambdaFact } from '../detectors/cdk/facts.js';
import { ciDetector } from '../detectors/ci/index.js';
import { envDetector, type EnvDynamicReadFact, type EnvExternalSourceFact } from '../detectors/env/index.js';
import { frontendBuildDetector } from '../detectors/frontend-build/index.js';
import { otherInfraDetector } from '../detectors/other-infra/index.js';
import type { InfraFunctionFact } from '../detectors/other-infra/types.js';
import type { Citation, Detector, FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { pushTo } from '../collections.js';

/** Every detector whose facts read or set a variable: the env model, and each step that renders it, runs them all. */
export const ENV_DETECTORS: readonly Detector[] = [envDetector, cdkDetector, otherInfraDetector, ciDetector, frontendBuildDetector, composeDetector];

export { DOTENV_PLUGIN_WHAT, type ExternalSource } from './env-services.js';
export { isTestPath, SET_ORDER, type DynamicRead, type EnvRead, type EnvVarView, type ReadEvidence, type SetKind, type SetSite } from './env-views.js';

/**
 * Sets that apply by folder: a dotenv file, a typed declaration, the code's own `process.env.X = …` (a test setup),
 * a script (`X=1 npx cdk deploy`, a dotenv file it writes), a schema default or hosting config (vercel.json,
 * wrangler.toml) serves the code under its own folder or package only.
 */
const SCOPED = new Set<SetKind>(['example', 'dotenv', 'type', 'code', 'script', 'schema-default', 'platform']);

export class EnvModel {
  readonly vars: ReadonlyMap<string, EnvVarView>;
  readonly dynamic: readonly DynamicRead[];
  /** `process.env[key] = value` / `os.environ[key] = value`: sets by a computed name. */
  readonly dynamicSets: readonly DynamicRead[];
  /**
   * Bulk sources outside the repository: an uncommitted env_file, a Kubernetes Secret defined elsewhere, the `.env`
   * files serverless-dotenv-plugin injects into a service's functions.
   */
  readonly external: readonly ExternalSource[];
  /** Which code each Serverless service deploys: its environment reaches that code only. */
  private readonly services: ServiceScopes;
  /** Package folders with a Lambda entry, and files that read a variable a Lambda's environment sets. */
  private readonly lambdaDirs: ReadonlySet<string>;
  /** Folders of Lambda entries in the root package: the repository root is not all Lambda code because of them. */
  private readonly lambdaFolders: readonly string[];
  private readonly lambdaFiles: ReadonlySet<string>;
  /** The repository defines Lambda functions (CDK or other infrastructure code): reserved Lambda names are the runtime's. */
  private readonly deploysLambdas: boolean;
  /** Files that set variables for Lambdas or containers (CDK app code): their own reads come from the shell. */
  private readonly infraFiles: ReadonlySet<string>;
  /** Dockerfile → the build contexts compose gives it. */
  private readonly composeContexts = new Map<string, string[]>();
  /** Dotenv file → the packages whose code loads it by an explicit path (`dotenv.config({ path })`). */
  private readonly explicitLoads: ReadonlyMap<string, ReadonlySet<string>>;
  /** Dockerfile → the folders its image holds (computed on first use). */
  private readonly dockerScopes = new Map<string, DockerfileScope>();

  constructor(facts: FactSet, private readonly index: RepoIndex) {
    // Test code by its path, unless a package script preloads the file into the app it starts (env-preloads.ts).
    const preloaded = preloadedFiles(index);
    this.services = new ServiceScopes(facts, index);
    const isTestPath = (file: string) => isTestFile(file) && !preloaded.has(file);
    const out = collectEnvVars(facts, index, isTestPath, (s, file) => !SCOPED.has(s.kind) || this.serves(s, file));
    for (const f of facts.of<ComposeServiceFact>('compose.service')) {
      const build = f.data.build;
      if (build?.dockerfile) pushTo(this.composeContexts, build.dockerfile, build.context);
    }
    this.vars = out;
    this.explicitLoads = explicitDotenvLoads(facts, (f) => this.dirOf(f));
    const dynamicOf = (kind: 'env.dynamic' | 'env.dynamic-set') =>
      facts
        .of<EnvDynamicReadFact>(kind as 'env.dynamic')
        .map((f) => ({ ...f.data, test: isTestPath(f.data.file) }))
        .sort((a, b) => compare(a.file, b.file) || a.line - b.line);
    this.dynamic = dynamicOf('env.dynamic');
    // A Lambda environment that spreads an object this code cannot list sets variables by names it cannot see.
    const openLambdaEnvs = facts.of<CdkLambdaFact>('cdk.lambda').flatMap((f) =>
      f.data.environmentOpen ? [{ file: f.data.environmentOpen.at.file, line: f.data.environmentOpen.at.line ?? 1, expression: `${f.data.environmentOpen.expression} in a Lambda's environment`, test: false }] : [],
    );
    this.dynamicSets = [...dynamicOf('env.dynamic-set'), ...openLambdaEnvs, ...includedEnvironments(facts)];
    this.external = [...facts.of<EnvExternalSourceFact>('env.external').map((f) => f.data), ...dotenvPluginSources(facts, index)];
    const lambdaFiles = [
      ...facts.of<CdkLambdaFact>('cdk.lambda').map((f) => f.data.entry),
      ...facts.of<InfraFunctionFact>('infra.function').map((f) => f.data.handlerFile),
    ];
    const entries = lambdaFiles.filter((f): f is string => !!f);
    this.deploysLambdas = facts.of('cdk.lambda').length > 0 || facts.of('infra.function').length > 0;
    this.lambdaDirs = new Set(entries.map((f) => this.dirOf(f)).filter((d) => d !== ''));
    // A handler that names a build output (`bundle.handler`) still has its code folder: all of it is Lambda code.
    const codeDirs = facts.of<InfraFunctionFact>('infra.function').flatMap((f) => (f.data.codeDir && !f.data.handlerFile ? [f.data.codeDir] : []));
    this.lambdaFolders = [...new Set([...entries.filter((f) => this.dirOf(f) === '').map((f) => this.dirOf(f, false)), ...codeDirs])];
    // An entry the CDK detector could not resolve (`join(__dirname, 'x.js')` of a build output) still leaves its mark:
    // the handler reads the variables that Lambda's environment sets. Infrastructure code reads them too (to pass them
    // on): a file that sets variables or reads the CDK CLI's own is not Lambda code.
    const infra = new Set([...out.values()].flatMap((v) => [...v.sets.filter((s) => s.kind === 'cdk' || s.kind === 'iac').map((s) => s.at.file), ...(/^CDK_DEFAULT_/.test(v.name) ? v.reads.map((r) => r.file) : [])]));
    this.infraFiles = infra;
    this.lambdaFiles = new Set(
      [...out.values()]
        // Another app's Lambdas are not deployed: their environment makes no file Lambda code.
        .filter((v) => v.sets.some((s) => s.kind === 'cdk' || s.kind === 'function' || (s.kind === 'iac' && s.tool === 'AWS CDK' && !s.otherApp && !s.owner?.startsWith('container') && s.codeDir === undefined)))
        .flatMap((v) => v.reads.map((r) => r.file))
        .filter((f) => !infra.has(f)),
    );
  }

  sorted(): EnvVarView[] {
    return [...this.vars.values()];
  }

  get(name: string): EnvVarView | undefined {
    return this.vars.get(name);
  }

  /** Who sets the variable for code in `files`, when the runtime or a tool does (Lambda variables: Lambda code only). */
  runtimeFor(v: EnvVarView, files: readonly string[]): string | undefined {
    // A variable provided for some reads only (`import.meta.env.MODE` beside `process.env.MODE`): provided for `files`
    // when every read there is one it provides.
    const reads = v.runtime ? [] : v.reads.filter((r) => files.includes(r.file));
    const runtime = v.runtime ?? (reads.length > 0 && reads.every((r) => r.runtime) ? reads[0].runtime : undefined);
    if (!runtime) return undefined;
    if (runtime.scope === undefined) return runtime.label;
    if (runtime.scope === 'lambda-repo' && this.deploysLambdas) return runtime.label;
    const inLambda = (f: string) => this.lambdaFiles.has(f) || this.lambdaDirs.has(this.dirOf(f)) || this.inLambdaFolder(f);
    if (files.some(inLambda)) return runtime.label;
    // A module the Lambda code imports (a shared helper beside the handlers) is bundled into it.
    return files.some((f) => this.lambdaImports().has(f)) ? runtime.label : undefined;
  }

  private inLambdaFolder(f: string): boolean {
    return this.lambdaFolders.some((d) => d === '' || f.startsWith(`${d}/`));
  }

  private imported?: Set<string>;
  /** Files imported by Lambda code (computed on the first read that is not Lambda code itself). */
  private lambdaImports(): Set<string> {
    if (this.imported) return this.imported;
    const dirs = [...this.lambdaDirs, ...this.lambdaFolders.filter((d) => d !== '')];
    const start = [...new Set([...this.lambdaFiles, ...dirs.flatMap((d) => this.index.filesUnder(d))])].filter((f) => !isTestFile(f));
    return (this.imported = importedByLambdaCode(this.index, start));
  }

  /**
   * The sets that reach code in `files`: deployment and CI config wherever it is; a dotenv file or a typed
   * declaration only in a file's folder or a parent, or in the same package (another app's `.env` is not its source).
   */
  setsFor(v: EnvVarView, files: readonly string[]): SetSite[] {
    // A variable the runtime provides to this code is not taken from the apps that import it (another app's dotenv).
    const consumers = this.runtimeFor(v, files) ? [] : [...new Set(files.flatMap((f) => this.consumers(this.dirOf(f))))];
    return v.sets.filter((s) => {
      // A read in a Dockerfile (its CMD) is not code an image holds: only an earlier line of that file can set it.
      if (s.kind === 'dockerfile' || s.kind === 'dockerfile-arg') return files.some((f) => !isDockerfileName(f) && this.inImage(s.at.file, f, s.at.line)) || consumers.some((d) => this.inImage(s.at.file, `${d}/`, s.at.line)) || this.sameDockerfile(v, s, files);
      if (s.kind === 'cdk') return files.some((f) => this.inLambda(s, f));
      if (s.service !== undefined) return files.some((f) => this.services.serves(s.service!, f));
      if (s.codeDir !== undefined) return files.some((f) => this.inContainer(s.codeDir!, f));
      if (!SCOPED.has(s.kind) || files.some((f) => this.serves(s, f))) return true;
      if (s.kind === 'example' || s.kind === 'dotenv') {
        const loaders = this.explicitLoads.get(s.at.file);
        if (loaders && files.some((f) => loaders.has(this.dirOf(f)))) return true;
      }
      // A schema default or a typed declaration of the app is not a value for the library's read.
      return s.kind !== 'schema-default' && s.kind !== 'type' && consumers.some((d) => this.serves(s, `${d}/`));
    });
  }

  private readonly consumerDirs = new Map<string, readonly string[]>();

  /** The apps a library runs in (`consumersOf`), asked once per package. */
  private consumers(pkgDir: string): readonly string[] {
    let out = this.consumerDirs.get(pkgDir);
    if (!out) this.consumerDirs.set(pkgDir, (out = consumersOf(this.index, pkgDir)));
    return out;
  }

  /**
   * Serverless sets that another service's functions get, not the code in `files` (which `setsFor` leaves out): the
   * code is deployed with a service that does not set the variable.
   */
  otherServiceSets(v: EnvVarView, files: readonly string[]): SetSite[] {
    return v.sets.filter((s) => s.service !== undefined && !files.some((f) => this.services.serves(s.service!, f)));
  }

  /** Bulk sources outside the repository that reach code in `files` (a service's dotenv plugin). */
  externalFor(files: readonly string[]): ExternalSource[] {
    return this.external.filter((e) => e.service !== undefined && files.some((f) => this.services.serves(e.service!, f)));
  }

  /**
   * A CDK Lambda's `environment` reaches the Lambda's code, not the CDK app that passes the value on (it reads the
   * variable from the shell at synth time): the handler's package when it is another one, else any file of the
   * package but those that declare infrastructure.
   */
  private inLambda(set: SetSite, readFile: string): boolean {
    if (this.infraFiles.has(readFile)) return false;
    if (!set.entry) return true;
    const pkg = this.dirOf(set.entry);
    const readPkg = this.dirOf(readFile);
    return pkg === this.dirOf(set.at.file) || readPkg === pkg || this.bundledBy(pkg).has(readPkg);
  }

  private readonly bundled = new Map<string, ReadonlySet<string>>();

  /** The workspace packages the bundler puts into a Lambda built from this package: they read what it sets. */
  private bundledBy(pkgDir: string): ReadonlySet<string> {
    let out = this.bundled.get(pkgDir);
    if (!out) this.bundled.set(pkgDir, (out = workspaceDependencies(this.index, pkgDir)));
    return out;
  }

  /**
   * A container's `environment` reaches the code its image is built from (`fromAsset('./app/core')`: that folder, or
   * the package it belongs to), not the CDK app that passes the values on.
   */
  private inContainer(codeDir: string, readFile: string): boolean {
    if (this.infraFiles.has(readFile)) return false;
    return readFile.startsWith(`${codeDir}/`) || (this.dirOf(readFile) !== '' && this.dirOf(readFile) === this.dirOf(`${codeDir}/x`));
  }

  /** The Dockerfile's own commands (`CMD node ${APP_PATH}/server.js`) read what an earlier line of it sets. */
  private sameDockerfile(v: EnvVarView, set: SetSite, files: readonly string[]): boolean {
    if (!files.includes(set.at.file) || set.at.line === undefined) return false;
    const text = this.index.read(set.at.file) ?? '';
    const kind = set.kind === 'dockerfile' ? 'dockerfile' : 'dockerfile-arg';
    return v.reads.some((r) => r.file === set.at.file && r.lines.some((l) => dockerfileSetReaches(text, set.at.line!, l, kind)));
  }

  /** A Dockerfile's ENV reaches the code its image holds: the build context and COPY sources, not every package. */
  private inImage(dockerfile: string, readFile: string, line: number | undefined): boolean {
    let scopes = this.dockerScopes.get(dockerfile);
    if (!scopes) this.dockerScopes.set(dockerfile, (scopes = dockerfileScope(this.index, dockerfile, this.composeContexts.get(dockerfile) ?? [])));
    // An instruction of the last stage reaches the packages that image runs; an earlier stage's, what the file builds.
    const scope = scopes.final && line !== undefined && line >= scopes.final.from ? scopes.final.scope : scopes.all;
    return scope.some((d) => d === '' || readFile === d || readFile.startsWith(`${d}/`));
  }

  /** A script works from its package (`scripts/` beside the code it deploys); other scoped sets from their folder. */
  private serves(set: SetSite, readFile: string): boolean {
    // A script, a schema's default (the app that validates with it) and hosting config (the app it deploys) serve
    // their whole package.
    const dir = set.kind === 'script' || set.kind === 'schema-default' || set.kind === 'platform' ? this.dirOf(set.at.file) : this.dirOf(set.at.file, false);
    return dir === '' || readFile.startsWith(`${dir}/`) || this.dirOf(set.at.file) === this.dirOf(readFile);
  }

  /** Step 8 asks for the same files' packages once per set and row (millions of times at 20,000 files). */
  private readonly packageDirs = new Map<string, string>();

  /** The package folder of a file ('' for the root or no package). */
  dirOf(file: string, asPackage = true): string {
    if (asPackage) {
      let dir = this.packageDirs.get(file);
      if (dir === undefined) this.packageDirs.set(file, (dir = this.index.packageOf(file)?.dir ?? ''));
      return dir;
    }
    const slash = file.lastIndexOf('/');
    return slash === -1 ? '' : file.slice(0, slash);
  }

  /**
   * Everything that sets or provides the variable: no "set nowhere" while any of it exists — production code that
   * sets variables by a computed name included, when the name can be this one.
   */
  setEvidence(name: string): { what: string; at: Citation }[] {
    const v = this.vars.get(name);
    const computed = matching(this.dynamicSets, name).map((d) => ({ what: `set by a computed name (${d.expression})`, at: { file: d.file, line: d.line } }));
    if (!v) return computed;
    const out = v.sets.map((s) => ({ what: `${s.tool ?? s.kind} ${s.kind === 'example' || s.kind === 'dotenv' ? 'dotenv file' : 'sets it'}`, at: s.at }));
    // The code that reads it is deployed with a service whose dotenv plugin injects uncommitted `.env` files.
    const prod = v.reads.filter((r) => !r.test).map((r) => r.file);
    out.push(...this.externalFor(prod).map((e) => ({ what: DOTENV_PLUGIN_WHAT, at: { file: e.file, line: e.line } })));
    if (v.runtime) out.push({ what: `set by ${v.runtime.label}`, at: v.reads[0] ? { file: v.reads[0].file, line: v.reads[0].lines[0] } : (v.sets[0]?.at ?? { file: '' }) });
    return [...out, ...computed];
  }

  /** Recognised reads of the variable, then production reads by a computed name anywhere (they may be this one). */
  readEvidence(name: string): ReadEvidence[] {
    const v = this.vars.get(name);
    return [
      ...(v?.reads ?? []).map((r) => ({ kind: 'read' as const, what: 'read', at: { file: r.file, line: r.lines[0] } })),
      ...matching(this.dynamic, name).map((d) => ({ kind: 'dynamic' as const, what: `read by a computed name (${d.expression})`, at: { file: d.file, line: d.line } })),
    ];
  }
}

const models = new WeakMap<FactSet, EnvModel>();

/** The env model of a fact set (built once per set; the repository model keeps one set per analysis). */
export function envModelOf(facts: FactSet, index: RepoIndex): EnvModel {
  let model = models.get(facts);
  if (!model) models.set(facts, (model = new EnvModel(facts, index)));
  return model;
}

/** Production reads or sets by a computed name that can be `name` (a literal part of the key rules others out). */
function matching(list: readonly DynamicRead[], name: string): DynamicRead[] {
  return list.filter((d) => !d.test && (!d.pattern || new RegExp(d.pattern).test(name)));
}
