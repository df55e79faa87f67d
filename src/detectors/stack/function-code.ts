/**
 * Folders that infrastructure deploys as function code: a CDK `Code.fromAsset(dir)` / `entry: file`, a Serverless
 * `handler: path/file.export`, a SAM or CloudFormation `CodeUri:`. A package.json in such a folder describes a
 * Lambda's bundle (its name, `main`, its own dependencies), not a library published to a registry, even without
 * `"private": true`. Found by cheap text checks, once per index: the role of every package needs it before any
 * detector runs.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { candidateFiles, findApps } from '../cdk/app.js';
import { entry as yamlEntry, get, parseYaml, scalar } from '../../scan/yaml.js';

export interface FunctionCodeSite {
  /** The deployed path, repo-relative: a folder (`lambda/createItem`) or an entry file. */
  readonly target: string;
  /** True when the code is every folder below `target` (`path.join(__dirname, '../lambda', name)`). */
  readonly below: boolean;
  /** Where it is deployed from. */
  readonly file: string;
  readonly line: number;
  /** `fromAsset`, `entry`, `handler` (Serverless), `CodeUri` (SAM). */
  readonly how: string;
  /** The code of a Lambda layer (`new LayerVersion(… { code: Code.fromAsset(dir) })`), not of a function. */
  readonly layer: boolean;
}

/** `Code.fromAsset(…)`, `new AssetCode(…)`, `DockerImageCode.fromImageAsset(…)`, `Code.fromAssetImage(…)`. */
const ASSET_CALL = /\b(fromAsset|fromImageAsset|fromAssetImage|AssetCode)\s*\(/g;
/** `entry: …` of a NodejsFunction (or another construct that bundles one file). */
const ENTRY_PROP = /\b(entry)\s*:\s*/g;

const cache = new WeakMap<RepoIndex, FunctionCodeSite[]>();

/** Every place the repository deploys function code from, with the path it deploys. */
export function functionCodeSites(index: RepoIndex): readonly FunctionCodeSite[] {
  let out = cache.get(index);
  if (out) return out;
  out = [];
  const apps = findApps(index);
  for (const file of candidateFiles(index, apps)) {
    const text = index.read(file);
    if (!text) continue;
    const appDir = index.packageOf(file)?.dir ?? '';
    const base = apps.find((a) => file === a.dir || file.startsWith(a.dir === '' ? '' : `${a.dir}/`))?.dir ?? appDir;
    for (const re of [ASSET_CALL, ENTRY_PROP]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const start = m.index + m[0].length;
        const arg = firstArgument(text, start);
        const resolved = resolvePathExpression(arg, path.posix.dirname(file), base);
        if (!resolved) continue;
        const before = text.slice(Math.max(0, m.index - 400), m.index);
        const layer = /LayerVersion\s*\([^]*$/.test(before.slice(before.lastIndexOf('new ')));
        out.push({ ...resolved, file, line: index.lineAt(file, m.index) ?? 1, how: m[1], layer });
      }
    }
  }
  for (const file of index.files.filter((f) => /(^|\/)serverless\.ya?ml$/.test(f))) out.push(...serverlessSites(index, file));
  for (const file of index.files.filter((f) => /(^|\/)template\.ya?ml$/.test(f))) out.push(...samSites(index, file));
  cache.set(index, out);
  return out;
}

/** The site that deploys the package folder `dir` as function code, if any. */
export function functionCodeSiteOf(index: RepoIndex, dir: string): FunctionCodeSite | undefined {
  if (dir === '') return undefined;
  return functionCodeSites(index).find((s) => {
    if (s.target === '' || s.target === '.') return false;
    // The folder itself, an entry file inside it, or a deployed folder that holds it (its code is in the bundle).
    if (s.target === dir || dir.startsWith(`${s.target}/`)) return true;
    if (!s.target.startsWith(`${dir}/`)) return false;
    // A `CodeUri` or `Code.fromAsset(dir)` names the folder that is zipped: a subfolder of a package (`src/auth`
    // below a SAM project's tooling package, `common/src/python-lambda/x` in a CDK workspace root) is that function's
    // code, not the package; only the package's build output deploys the package. An `entry` file or a `handler`
    // is bundled with its package.
    return !FOLDER_ASSET.has(s.how) || BUILD_OUTPUT.test(s.target.slice(dir.length + 1).split('/')[0]);
  });
}

const FOLDER_ASSET = new Set(['CodeUri', 'fromAsset', 'fromImageAsset', 'fromAssetImage', 'AssetCode']);
const BUILD_OUTPUT = /^(dist|build|out|lib|bundle|\.build|\.webpack|\.esbuild)$/;

/** The text of the expression that starts at `from`, up to the `,` `)` `}` or newline that closes it at depth 0. */
function firstArgument(text: string, from: number): string {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length && i < from + 400; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return text.slice(from, i);
      depth--;
    } else if ((c === ',' || c === '\n' || c === ';') && depth === 0) return text.slice(from, i);
  }
  return text.slice(from, from + 400);
}

const STRING = /'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`$\\]*)`/g;

/**
 * A path written as string literals joined by `path.join` / `path.resolve` / a template, relative to `__dirname`
 * (the file's folder) or, without it, to the CDK app's folder (where `cdk` runs). A part computed at run time ends
 * the path: the code is then somewhere below the literal part.
 */
export function resolvePathExpression(expr: string, fileDir: string, appDir: string): { target: string; below: boolean } | undefined {
  const trimmed = expr.trim();
  if (!trimmed) return undefined;
  const tpl = trimmed.match(/^`\$\{__dirname\}([^`$]*)`$/);
  const fromFile = /__dirname|import\.meta\.dirname/.test(trimmed);
  const parts: string[] = [];
  let below = false;
  if (tpl) parts.push(tpl[1].replace(/^\//, ''));
  else {
    const inner = trimmed.replace(/^(?:path\.)?(?:join|resolve)\s*\(/, '').replace(/\)\s*$/, '');
    // Each comma-separated piece: a literal, __dirname, process.cwd(), or something computed.
    for (const piece of inner.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (/^(__dirname|import\.meta\.dirname|process\.cwd\(\))$/.test(piece)) continue;
      STRING.lastIndex = 0;
      const lit = STRING.exec(piece);
      if (lit && lit[0].length === piece.length) parts.push(lit[1] ?? lit[2] ?? lit[3] ?? '');
      else {
        below = true;
        break;
      }
    }
  }
  if (parts.length === 0) return undefined;
  const joined = path.posix.normalize(path.posix.join(fromFile ? fileDir : appDir, ...parts)).replace(/\/$/, '');
  if (joined.startsWith('..') || joined === '.' || joined === '') return undefined;
  return { target: joined, below };
}

/** `functions: { x: { handler: packages/handlers/src/hello/AwsHello.awsHelloHandler } }`, relative to the file. */
function serverlessSites(index: RepoIndex, file: string): FunctionCodeSite[] {
  const text = index.read(file);
  if (!text) return [];
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const out: FunctionCodeSite[] = [];
  const functions = get(parseYaml(text).root, 'functions');
  for (const entry of functions?.kind === 'map' ? functions.entries : []) {
    const handler = scalar(get(entry.value, 'handler'));
    if (!handler || handler.includes('${')) continue;
    const dot = handler.lastIndexOf('.');
    const module = dot > handler.lastIndexOf('/') ? handler.slice(0, dot) : handler;
    const target = path.posix.normalize(path.posix.join(dir, module));
    // A handler at the service's own root (`handler.main`) says nothing about a package folder below it.
    if (target.startsWith('..') || !target.includes('/')) continue;
    out.push({ target, below: false, file, line: yamlEntry(entry.value, 'handler')?.line ?? entry.line, how: 'handler', layer: false });
  }
  return out;
}

/** SAM / CloudFormation `CodeUri: lambda/createItem/` (a local folder, not an S3 object). */
function samSites(index: RepoIndex, file: string): FunctionCodeSite[] {
  const text = index.read(file);
  if (!text || !/AWS::(Serverless::Function|Lambda::Function)/.test(text)) return [];
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const out: FunctionCodeSite[] = [];
  for (const m of text.matchAll(/^\s*CodeUri:\s*['"]?([\w@./-]+?)\/?['"]?\s*$/gm)) {
    if (/^s3:/.test(m[1])) continue;
    const target = path.posix.normalize(path.posix.join(dir, m[1])).replace(/\/$/, '');
    if (target.startsWith('..') || target === '.') continue;
    out.push({ target, below: false, file, line: index.lineAt(file, m.index ?? 0) ?? 1, how: 'CodeUri', layer: false });
  }
  return out;
}
