/**
 * SDKs and client libraries: packages published with `exports`/`main`/`types` whose name says SDK/client or whose
 * entry exports a client class. For each: the client classes (options with defaults, public methods with signature,
 * doc line and the endpoint they call, sub-resources), the HTTP layer, error classes, exported types and examples.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import { isSourceFile, ts } from '../../scan/ts.js';
import { appFiles, frontendApps } from '../frontend-build/apps.js';
import { signatureOf, type ClassInfo } from './classes.js';
import { isProductClient, readClients, type SdkClient } from './clients.js';
import { describedAsSdk, readmeTitleSaysSdk } from '../shared/sdk-words.js';
import { errorClasses, type SdkError } from './errors.js';
import { exportedSymbols, type ExportedSymbol } from './exports.js';
import { httpLayer, type HttpLayer } from './http-layer.js';
import { docExample, docOf, summary } from './jsdoc.js';
import { docBlocks, readmeExamples, type CodeExample, type DocBlocks } from './readme.js';
import { moduleResolver } from '../shared/resolve-module.js';

export type { SdkClient, SdkError, HttpLayer, CodeExample, DocBlocks };
export type { SdkMethod } from './classes.js';
export type { SdkOption, SdkOptions } from './options.js';

export interface SdkPackageData {
  readonly name: string;
  readonly dir: string;
  readonly manifest: string;
  readonly version?: string;
  readonly description?: string;
  readonly private: boolean;
  /** Source file the published entry is built from. */
  readonly entry: string;
  /** What package.json publishes: `main`, `module`, `types`, `exports` targets. */
  readonly published: Readonly<Record<string, string>>;
  readonly http?: HttpLayer;
  readonly errors: readonly SdkError[];
  readonly types: readonly { readonly name: string; readonly kind: string; readonly file: string; readonly line: number }[];
  /** Exported functions (factories such as `createClient`), with signature and doc line. */
  readonly functions: readonly { readonly name: string; readonly signature: string; readonly doc?: string; readonly file: string; readonly line: number }[];
  readonly examples: readonly CodeExample[];
  /** Where the examples come from: the README, a doc comment, or none (the step builds one from signatures). */
  readonly examplesFrom: 'readme' | 'docs' | 'doc-comment' | 'none';
  /** With no example: the TypeScript/JavaScript blocks the package's doc files hold (none of them uses the package by name). */
  readonly docBlocks?: readonly DocBlocks[];
  /** Bundler config (tsup, rollup, vite in library mode…), when present. */
  readonly buildConfig?: string;
}

export type SdkPackageFact = Fact<'sdk.package', SdkPackageData>;
export type SdkClientFact = Fact<'sdk.client', SdkClient>;

const NAMED = /(^|[-/_.@])(sdk|client|api-client|js-client|node-client)([-/_.]|$)|sdk/i;
const BUILD_CONFIGS = /^(tsup|rollup|vite|tsdown|unbuild|build|esbuild)\.config\.[cm]?[jt]s$/;

export const sdkDetector: Detector = {
  id: 'sdk',
  isEnabled: (index) => candidates(index).length > 0,
  detect(index) {
    const facts: Fact[] = [];
    for (const pkg of candidates(index)) {
      const entry = moduleResolver(index).packageEntry(pkg);
      if (!entry) continue;
      const symbols = exportedSymbols(index, entry);
      const files = sourceFiles(index, pkg.dir);
      const clients = readClients(index, pkg, symbols);
      const hasEndpoints = clients.some((c) => c.methods.some((m) => m.endpoints.length > 0));
      const named = NAMED.test(pkg.name) || NAMED.test(pkg.dir.split('/').pop() ?? '');
      // Without an SDK-like name, a package is an SDK when its client classes call HTTP endpoints, or when it is
      // published and says so (description, README title) or exports a client class named like the product or
      // `*Client` (`inngest` exports `Inngest`): an SDK need not call endpoints the code names.
      const published = !pkg.manifest.private;
      const says = published && (describedAsSdk(pkg.manifest) || readmeTitleSaysSdk(index.read(readmeOf(index, pkg) ?? '')));
      const productClient = published && clients.some((c) => c.accessor === 'client' && isProductClient(pkg, c.className));
      if (!named && !hasEndpoints && !says && !productClient) continue;
      // A name like `…-client-side-app` is not enough: an SDK exports something to call.
      if (!hasEndpoints && clients.length === 0 && !symbols.some((s) => s.kind === 'class' || s.kind === 'function')) continue;
      const data = describe(index, pkg, entry, symbols, files, clients);
      facts.push({ kind: 'sdk.package', id: pkg.name, data, at: [{ file: pkg.manifestPath }, { file: entry }] });
      for (const c of clients) facts.push({ kind: 'sdk.client', id: `${pkg.name}:${c.accessor}`, data: c, at: [{ file: c.file, line: c.line }] });
    }
    return facts;
  },
};

function readmeOf(index: RepoIndex, pkg: WorkspacePackage): string | undefined {
  return [pkg.dir ? `${pkg.dir}/README.md` : 'README.md', pkg.dir ? `${pkg.dir}/readme.md` : 'readme.md'].find((f) => index.has(f));
}

function sourceFiles(index: RepoIndex, dir: string): string[] {
  return appFiles(index, dir).filter((f) => isSourceFile(f) && !/(^|\/)(test|tests|__tests__|examples?|scripts)\/|\.(test|spec)\.[jt]sx?$/.test(f));
}

/**
 * The package's own HTTP layer; when it has no retry logic but a workspace package it depends on sends requests
 * with retries (a generated API client in a `core` package), that one is the layer its API calls go through.
 */
function httpOf(index: RepoIndex, pkg: WorkspacePackage, files: readonly string[]): HttpLayer | undefined {
  const own = httpLayer(index, files);
  if (!own || own.retries) return own;
  const deps = new Set(Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies }));
  const workspace = index.packages.filter((p) => p !== pkg && deps.has(p.name));
  const theirs = workspace.map((p) => httpLayer(index, sourceFiles(index, p.dir))).find((l) => l?.retries);
  return theirs ?? own;
}

/** Publishable packages that are not apps, CDK projects or CLIs only. */
function candidates(index: RepoIndex): WorkspacePackage[] {
  const apps = new Set(frontendApps(index).map((a) => a.dir));
  return index.packages.filter((p) => {
    const m = p.manifest;
    // A monorepo root is private tooling; a public root package with nested e2e/example packages is the library.
    if ((p.isRoot && m.private) || apps.has(p.dir)) return false;
    if (/(^|\/)(examples?|fixtures?|test|tests|docs?)\//.test(`${p.dir}/`)) return false;
    const deps = { ...m.dependencies, ...m.devDependencies };
    if ('aws-cdk-lib' in deps || 'aws-cdk' in deps) return false;
    const publishable = !!(m.exports || m.main || m.module || m.types || m.typings);
    const named = NAMED.test(p.name) || NAMED.test(p.dir.split('/').pop() ?? '');
    return publishable && (!m.private || named);
  });
}

function describe(index: RepoIndex, pkg: WorkspacePackage, entry: string, symbols: ExportedSymbol[], files: string[], clients: SdkClient[]): SdkPackageData {
  const m = pkg.manifest;
  const published: Record<string, string> = {};
  for (const key of ['main', 'module', 'types', 'typings'] as const) if (typeof m[key] === 'string') published[key] = m[key] as string;
  if (m.exports) published.exports = Object.keys(typeof m.exports === 'object' && m.exports ? (m.exports as object) : { '.': m.exports }).join(', ');
  const exported = new Set(symbols.map((s) => s.name));
  const allErrors = errorClasses(index, files);
  // Exported error classes are the SDK's contract; internal ones only matter when nothing is exported.
  const errors = allErrors.some((e) => exported.has(e.name)) ? allErrors.filter((e) => exported.has(e.name)) : allErrors;
  const types = symbols
    .filter((s) => s.kind === 'interface' || s.kind === 'type' || s.kind === 'enum')
    .map((s) => ({ name: s.name, kind: s.kind, file: s.file, line: s.line }));
  const clientNames = new Set(clients.map((c) => c.className));
  const functions = symbols
    .filter((s) => s.kind === 'function' && ts.isFunctionDeclaration(s.node))
    .map((s) => ({ name: s.name, signature: signatureOf(s.name, s.node as ts.FunctionDeclaration, s.sf), doc: summary(docOf(s.node, s.sf)), file: s.file, line: s.line }));
  const readme = readmeOf(index, pkg);
  const methodCalls = clients.flatMap((c) => c.methods.filter((m) => m.name.length > 3).map((m) => `.${m.name}(`));
  const needles = [pkg.name, ...clientNames, ...functions.map((f) => `${f.name}(`), ...methodCalls];
  // A README block that uses none of the clients may still use the package (`PlatformModule.forRoot(…)` in a Quick
  // Start, under an older package name): any exported class or function named in it makes it an example.
  const exportedNames = symbols.filter((s) => (s.kind === 'class' || s.kind === 'function') && s.name.length >= 6).map((s) => s.name);
  let examples = readme ? readmeExamples(index, readme, needles) : [];
  if (examples.length === 0 && readme) examples = readmeExamples(index, readme, exportedNames);
  let examplesFrom: SdkPackageData['examplesFrom'] = examples.length ? 'readme' : 'none';
  // The package's other docs (a SKILLS.md, docs/usage.md) before doc comments: "none naming its clients or exports"
  // was said of every doc file while only the README had been searched.
  for (const file of examples.length ? [] : docFiles(index, pkg).filter((f) => f !== readme)) {
    examples = readmeExamples(index, file, needles);
    if (examples.length === 0) examples = readmeExamples(index, file, exportedNames);
    if (examples.length) {
      examplesFrom = 'docs';
      break;
    }
  }
  if (examples.length === 0) {
    for (const c of clients) {
      const found = clientExample(index, c);
      if (found) {
        examples = [found];
        examplesFrom = 'doc-comment';
        break;
      }
    }
  }
  // No example found: the doc files' code blocks are still named, so the step never says the package has none.
  const blocks = examples.length ? [] : docBlocks(index, docFiles(index, pkg));
  const buildConfig = appFiles(index, pkg.dir).find((f) => BUILD_CONFIGS.test(f.split('/').pop() ?? '') && f.split('/').length === (pkg.dir ? pkg.dir.split('/').length + 1 : 1));
  return {
    name: pkg.name,
    dir: pkg.dir,
    manifest: pkg.manifestPath,
    version: m.version,
    description: m.description,
    private: !!m.private,
    entry,
    published,
    http: httpOf(index, pkg, files),
    errors,
    types,
    functions,
    examples,
    examplesFrom,
    ...(blocks.length ? { docBlocks: blocks } : {}),
    buildConfig,
  };
}

/** The package's markdown docs: files in its folder (README, CLAUDE.md, guides; not the changelog) and under docs/. */
function docFiles(index: RepoIndex, pkg: WorkspacePackage): string[] {
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  return appFiles(index, pkg.dir)
    .filter((f) => /\.mdx?$/i.test(f) && !/(^|\/)(CHANGELOG|LICENSE)[^/]*$/i.test(f))
    .filter((f) => !f.slice(prefix.length).includes('/') || f.startsWith(`${prefix}docs/`))
    .sort((a, b) => Number(!/readme/i.test(a)) - Number(!/readme/i.test(b)) || (a < b ? -1 : 1));
}

function clientExample(index: RepoIndex, c: SdkClient): CodeExample | undefined {
  const sf = index.parse(c.file);
  const node = sf?.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === c.className);
  const found = sf && node ? docExample(node, sf) : undefined;
  return found ? { file: c.file, line: found.line, language: 'ts', code: found.code, title: `${c.className} doc comment` } : undefined;
}

export type { ClassInfo };
