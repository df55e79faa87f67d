/**
 * Where a Lambda's code is, by the CDK's own rules: `entry` (relative paths resolve in the app folder, where cdk.json
 * is), the `NodejsFunction` default `<defining file>.<id>.ts`, `Code.fromAsset(dir)` + `handler: 'file.export'`,
 * `PythonFunction` folders with their `index`, inline code read from a file. Otherwise: as written, unresolved.
 */
import path from 'node:path';
import type { EmitContext } from './emit-context.js';
import type { CdkLambdaData } from './facts.js';
import { stackOf, type Rec } from './records.js';
import { prop, stringOf, textOf, type ExtValue, type Value } from './values.js';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.py', '.go', '.rb', '.java'];

export type EntryInfo = Pick<CdkLambdaData, 'entry' | 'entryAsWritten' | 'entryResolved' | 'entrySource' | 'handler' | 'entryIsSource' | 'entryLine' | 'entryNote'>;

export function entryOf(ctx: EmitContext, rec: Rec): EntryInfo {
  const props = rec.props;
  if (rec.libraryCode) {
    // A library builds the code from a folder (`nextjsPath`) or ships it: the folder, or what it is, in words.
    const { value, note } = rec.libraryCode;
    const dir = value ? dirAt(ctx, value, (rec.decl ?? rec.node).getSourceFile().fileName) : undefined;
    if (dir !== undefined) return { entry: dir, entryResolved: true, entrySource: 'library', entryNote: note };
    return { ...(value ? { entryAsWritten: textOf(value) } : {}), entryResolved: false, entrySource: 'library', entryNote: note };
  }
  const kind = rec.cdkClass ?? rec.className;
  const handler = stringOf(prop(props, 'handler'));
  const definingFile = (rec.decl ?? rec.node).getSourceFile().fileName;
  // A relative path is read in the folder `cdk` runs in: code outside every app (a construct library's `src/`, used
  // by an example app) is run by the app whose stack makes the function.
  const stackFile = stackOf(rec)?.decl?.getSourceFile().fileName;
  const runFrom = !ctx.inApp(definingFile) && stackFile && ctx.inApp(stackFile) ? stackFile : definingFile;
  const entry = prop(props, 'entry');
  if (entry && entry.k !== 'undef') {
    const defaultHandler = kind === 'NodejsFunction' || kind === 'PythonFunction' ? 'handler' : undefined;
    const index = kind === 'PythonFunction' ? (stringOf(prop(props, 'index')) ?? 'index.py') : undefined;
    const found = fileAt(ctx, entry, runFrom, index);
    return found
      ? { entry: found, entryResolved: true, entrySource: 'entry', handler: handler ?? defaultHandler }
      : { entryAsWritten: textOf(entry), entryResolved: false, entrySource: 'entry', handler: handler ?? defaultHandler };
  }
  if (kind === 'NodejsFunction') {
    // CDK's default: `<defining file>.<construct id>.ts` (or .js) beside the file that creates the function.
    const stem = definingFile.replace(/\.[cm]?[jt]sx?$/, '');
    const asWritten = `${path.posix.basename(stem)}.${rec.idText.text}.ts`;
    const found = rec.idText.resolved ? [`${stem}.${rec.idText.text}.ts`, `${stem}.${rec.idText.text}.js`].find((f) => ctx.index.has(f)) : undefined;
    return found
      ? { entry: found, entryResolved: true, entrySource: 'default-entry', handler: handler ?? 'handler' }
      : { entryAsWritten: asWritten, entryResolved: false, entrySource: 'default-entry', handler: handler ?? 'handler' };
  }
  const code = prop(props, 'code');
  if (code?.k === 'ext' && code.args) return fromCode(ctx, code, handler, runFrom);
  if (code && code.k !== 'undef') return { entryAsWritten: textOf(code), entryResolved: false, entrySource: 'unknown', handler };
  return { entryResolved: false, entrySource: 'unknown', handler };
}

function fromCode(ctx: EmitContext, code: ExtValue, handler: string | undefined, definingFile: string): EntryInfo {
  let name = code.path.join('.');
  let arg = code.args?.[0];
  // `Code.fromBucket(asset.bucket, asset.s3ObjectKey)` with an `s3_assets.Asset`: the code is the asset's `path`.
  const asset = /fromBucket$/.test(name) && arg?.k === 'attr' && arg.of.className === 'Asset' ? prop(arg.of.props, 'path') : undefined;
  if (asset) {
    name = 'Code.fromAsset';
    arg = asset;
    definingFile = arg.n?.getSourceFile().fileName ?? definingFile;
  }
  if (/fromInline$|InlineCode$/.test(name)) {
    // `Code.fromInline(fs.readFileSync('handler.py', 'utf8'))`: the code is that file.
    const read = arg?.k === 'ext' && /readFileSync$/.test(arg.path.join('.')) ? arg.args?.[0] : undefined;
    const file = read ? fileAt(ctx, read, definingFile) : undefined;
    return file ? { entry: file, entryResolved: true, entrySource: 'inline', handler } : { entryResolved: false, entrySource: 'inline', handler };
  }
  if (/Image|Docker|Ecr/.test(name)) return dockerEntry(ctx, name, code, definingFile);
  // `Code.asset(dir)`: v1's older name of `Code.fromAsset`.
  if (/fromAsset$|Code\.asset$|AssetCode$/.test(name)) {
    // `Code.fromAsset(dir)` + `handler: 'index.handler'` → `dir/index.{ts,js,…}`.
    const stemName = handler && handler.includes('.') ? handler.slice(0, handler.lastIndexOf('.')) : 'index';
    const asWritten = `${textOf(code)} + handler ${handler ?? '?'}`;
    const inDir = (dir: string) => SOURCE_EXTENSIONS.map((e) => `${dir ? `${dir}/` : ''}${stemName}${e}`).find((f) => ctx.index.has(f));
    const dir = dirAt(ctx, arg, definingFile);
    if (dir !== undefined) {
      const found = inDir(dir);
      if (found) return { entry: found, entryResolved: true, entrySource: 'asset-handler', handler };
    }
    // A build folder the repository does not hold (`lambda/api/dist/src`): its source is the same path without it.
    const built = located(ctx, arg, definingFile);
    const source = built !== undefined && !ctx.index.hasDir(built) ? built.replace(/(^|\/)(dist|build|out|\.build)(\/|$)/, '$1').replace(/\/$/, '') : undefined;
    if (source !== undefined && source !== built && (source === '' || ctx.index.hasDir(source))) {
      const found = inDir(source);
      if (found) return { entry: found, entryAsWritten: asWritten, entryResolved: true, entrySource: 'asset-handler', entryIsSource: true, handler };
    }
    return { entryAsWritten: asWritten, entryResolved: false, entrySource: 'asset-handler', handler };
  }
  return { entryAsWritten: textOf(code), entryResolved: false, entrySource: 'unknown', handler };
}

/**
 * A container image: `DockerImageCode.fromImageAsset(dir, { file, cmd })` or `Code.fromAssetImage(…)` is built from
 * `dir/Dockerfile` (or `file`), cited at its `CMD` (the handler it runs); an image from ECR is not in the repository.
 */
function dockerEntry(ctx: EmitContext, name: string, code: ExtValue, definingFile: string): EntryInfo {
  const [dirArg, options] = code.args ?? [];
  if (/Ecr/.test(name)) {
    return { entryAsWritten: textOf(code), entryResolved: false, entrySource: 'docker', entryNote: 'a container image from an ECR repository, not built from this repository' };
  }
  const dir = dirAt(ctx, dirArg, definingFile);
  const fileName = stringOf(prop(options, 'file')) ?? 'Dockerfile';
  const dockerfile = dir === undefined ? undefined : path.posix.normalize(dir === '' ? fileName : `${dir}/${fileName}`);
  const cmd = prop(options, 'cmd');
  const cmdHandler = cmd?.k === 'arr' ? stringOf(cmd.items[0]) : undefined;
  if (dockerfile === undefined || !ctx.index.has(dockerfile)) {
    if (dir !== undefined) return { entry: dir, entryResolved: true, entrySource: 'docker', ...(cmdHandler ? { handler: cmdHandler } : {}) };
    return { entryAsWritten: textOf(code), entryResolved: false, entrySource: 'docker' };
  }
  const command = dockerCommand(ctx.index.read(dockerfile) ?? '');
  const handler = cmdHandler ?? command?.handler;
  return { entry: dockerfile, entryResolved: true, entrySource: 'docker', ...(command ? { entryLine: command.line } : {}), ...(handler ? { handler } : {}) };
}

/** The last `CMD` of a Dockerfile (what the Lambda runtime calls: `CMD ["app.handler"]`), else its `ENTRYPOINT`. */
function dockerCommand(text: string): { line: number; handler?: string } | undefined {
  let found: { line: number; handler?: string; cmd: boolean } | undefined;
  text.split('\n').forEach((raw, i) => {
    const m = /^\s*(CMD|ENTRYPOINT)\s+(.*)$/i.exec(raw);
    if (!m) return;
    const cmd = m[1].toUpperCase() === 'CMD';
    if (found?.cmd && !cmd) return;
    const args = /^\[(.*)\]\s*$/.exec(m[2].trim());
    const first = args ? /^\s*"([^"]*)"/.exec(args[1])?.[1] : m[2].trim().split(/\s+/)[0];
    found = { line: i + 1, cmd, ...(cmd && first && /^[\w./-]+\.[\w$]+$/.test(first) ? { handler: first } : {}) };
  });
  return found ? { line: found.line, ...(found.handler ? { handler: found.handler } : {}) } : undefined;
}

export function located(ctx: EmitContext, value: Value | undefined, definingFile: string): string | undefined {
  if (value?.k !== 'str') return undefined;
  const base = value.abs ? value.v : path.posix.join(ctx.appDirFor(definingFile), value.v);
  const p = path.posix.normalize(base).replace(/^\.$/, '').replace(/\/$/, '');
  return p.startsWith('..') ? undefined : p;
}

/** A file (extensions tried), or a folder's `index` file (`PythonFunction`), that the repository has. */
function fileAt(ctx: EmitContext, value: Value, definingFile: string, index?: string): string | undefined {
  const file = located(ctx, value, definingFile);
  if (file === undefined) return undefined;
  const direct = ['', ...SOURCE_EXTENSIONS].map((e) => file + e).find((f) => f !== '' && ctx.index.has(f));
  if (direct) return direct;
  if (index && ctx.index.hasDir(file)) {
    const inDir = `${file ? `${file}/` : ''}${index}`;
    return ctx.index.has(inDir) ? inDir : file;
  }
  return undefined;
}

function dirAt(ctx: EmitContext, value: Value | undefined, definingFile: string): string | undefined {
  const dir = located(ctx, value, definingFile);
  return dir !== undefined && (dir === '' || ctx.index.hasDir(dir)) ? dir : undefined;
}
