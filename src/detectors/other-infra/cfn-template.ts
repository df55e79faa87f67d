/**
 * Standalone CloudFormation and AWS SAM templates (`template.yaml`, `*.template.json`, … anywhere in the repository),
 * mapped like CDK: functions with their code (SAM `CodeUri` + `Handler`, esbuild entry points, image Dockerfiles,
 * Lambda `Code` folders) and triggers, HTTP routes (see cfn-routes.ts), tables, and every other resource by type.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { get, keys, parseYaml, scalar, strings, type YamlEntry, type YamlNode } from '../../scan/yaml.js';
import { isBuildOrVendor, isTestFile } from '../shared/source-scope.js';
import { cfnText, intrinsic, references } from './cfn-values.js';
import { cfnRoutes, FUNCTION_TYPES } from './cfn-routes.js';
import { cfnResources } from './cloudformation.js';
import { codeSource } from './cfn-s3-code.js';
import { handlerFile } from './handlers.js';
import type { InfraFindings } from './serverless.js';
import type { InfraCodeSource, InfraTool } from './types.js';
import { pushTo } from '../../collections.js';

const CANDIDATE = /\.(ya?ml|json|template)$/i;
/** JSON files are many (manifests, locales, fixtures): only names that say "template" are read. */
const JSON_TEMPLATE = /(template|cfn|cloudformation|stack|sam)[^/]*\.json$|(^|\/)(cfn|cloudformation|templates?)\/[^/]+\.json$/i;
const NOT_A_TEMPLATE = /(^|\/)(package(-lock)?|tsconfig[^/]*|composer|\.?eslintrc[^/]*|pnpm-lock|docker-compose[^/]*|compose|serverless|\.gitlab-ci)\.(json|ya?ml)$|(^|\/)\.github\//;
/**
 * A template says what it is: its format version or the SAM transform. A bare `Resources:` file is a fragment that
 * something else includes (Serverless Framework's `${file(...)}`), read there.
 */
const MARKER = /AWSTemplateFormatVersion|AWS::Serverless-2016-10-31/;

/** Files worth reading as templates, by name alone (no read). */
export function isTemplateCandidate(index: RepoIndex, file: string): boolean {
  if (!CANDIDATE.test(file) || NOT_A_TEMPLATE.test(file) || isBuildOrVendor(index, file) || isTestFile(file)) return false;
  return !file.endsWith('.json') || JSON_TEMPLATE.test(file);
}

/** The cheap text test run before any parse. */
export function looksLikeTemplate(text: string): boolean {
  return MARKER.test(text);
}

export function cfnTemplate(index: RepoIndex, file: string, out: InfraFindings): void {
  const text = index.read(file);
  if (text === undefined || !looksLikeTemplate(text)) return;
  const { root, problems } = parseYaml(text);
  if (problems[0]) out.problems.push({ file, format: 'YAML', ...problems[0] });
  const resources = get(root, 'Resources');
  if (resources?.kind !== 'map') return;
  const transform = strings(get(root, 'Transform'));
  const tool: InfraTool = transform.some((t) => t.startsWith('AWS::Serverless')) || resources.entries.some((e) => typeOf(e).startsWith('AWS::Serverless::'))
    ? 'sam'
    : 'cloudformation';
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const globals = get(get(root, 'Globals'), 'Function');
  const description = scalar(get(root, 'Description'))?.split('\n')[0].trim();
  out.projects.push({
    tool,
    ...(description && description.length <= 80 ? { name: description } : {}),
    ...(scalar(get(globals, 'Runtime')) ? { runtime: scalar(get(globals, 'Runtime')) } : {}),
    file,
    line: 1,
  });

  const functions = resources.entries.filter((e) => FUNCTION_TYPES.has(typeOf(e)));
  const code = new Map<string, string | undefined>();
  const elsewhere = new Map<string, InfraCodeSource | undefined>();
  const triggers = new Map<string, string[]>();
  for (const fn of functions) {
    code.set(fn.key, codeFile(index, dir, fn, globals));
    if (!code.get(fn.key)) elsewhere.set(fn.key, codeSource(index, root, get(fn.value, 'Properties'), typeOf(fn) === 'AWS::Serverless::Function'));
    triggers.set(fn.key, eventTriggers(get(get(fn.value, 'Properties'), 'Events')));
  }
  for (const e of resources.entries) addExternalTrigger(e, triggers);

  for (const fn of functions) {
    const props = get(fn.value, 'Properties');
    const sam = typeOf(fn) === 'AWS::Serverless::Function';
    const handler = scalar(get(props, 'Handler')) ?? (sam ? scalar(get(globals, 'Handler')) : undefined);
    const image = scalar(get(props, 'PackageType')) === 'Image';
    const runtime = image ? undefined : (scalar(get(props, 'Runtime')) ?? (sam ? scalar(get(globals, 'Runtime')) : undefined));
    const env = [...keys(get(get(props, 'Environment'), 'Variables')), ...(sam ? keys(get(get(globals, 'Environment'), 'Variables')) : [])];
    const resolved = code.get(fn.key);
    const fnTriggers = [...new Set(triggers.get(fn.key) ?? [])];
    out.functions.push({
      tool,
      name: fn.key,
      ...(handler ? { handler } : resolved ? { handler: path.posix.basename(resolved) } : {}),
      ...(resolved ? { handlerFile: resolved } : {}),
      ...(!resolved && !image ? codeDirOf(index, dir, sam ? (get(props, 'CodeUri') ?? get(globals, 'CodeUri')) : get(props, 'Code')) : {}),
      ...(elsewhere.get(fn.key) ? { codeSource: elsewhere.get(fn.key) } : {}),
      ...(runtime ? { runtime } : {}),
      environment: [...new Set(env)].sort(),
      ...(fnTriggers.length > 0 ? { triggers: fnTriggers } : {}),
      file,
      line: fn.line,
    });
  }
  for (const route of cfnRoutes(index, file, resources, get(root, 'Globals'))) {
    const handler = route.target ? code.get(route.target) : undefined;
    const source = route.target ? elsewhere.get(route.target) : undefined;
    out.routes.push({ tool, ...route, ...(handler ? { handlerFile: handler } : source ? { codeSource: source } : {}), file: route.file ?? file });
  }
  const found = cfnResources(tool, resources, file, FUNCTION_TYPES);
  out.tables.push(...found.tables);
  out.resources.push(...found.others.map((r) => ({ ...r, ...detailOf(resources, r.name, ciDetail(get(resources, r.name))) })));
}

export function typeOf(e: YamlEntry): string {
  return scalar(get(e.value, 'Type')) ?? '';
}

/**
 * The function's code in the repository: SAM `CodeUri` (or the Globals one, else the template's folder) + `Handler`,
 * an esbuild `EntryPoints` file, an image function's Dockerfile, or a Lambda `Code` folder. Undefined when it is
 * elsewhere (S3, inline) or not found.
 */
function codeFile(index: RepoIndex, dir: string, fn: YamlEntry, globals: YamlNode | undefined): string | undefined {
  const props = get(fn.value, 'Properties');
  const sam = typeOf(fn) === 'AWS::Serverless::Function';
  const metadata = get(fn.value, 'Metadata');
  if (scalar(get(props, 'PackageType')) === 'Image') {
    const context = scalar(get(metadata, 'DockerContext'));
    const dockerfile = scalar(get(metadata, 'Dockerfile')) ?? 'Dockerfile';
    const candidate = context !== undefined ? local(dir, path.posix.join(context, dockerfile)) : undefined;
    return candidate && index.has(candidate) ? candidate : undefined;
  }
  const uri = sam ? (get(props, 'CodeUri') ?? get(globals, 'CodeUri')) : get(props, 'Code');
  const written = scalar(uri);
  if (uri && written === undefined) return undefined; // { S3Bucket, S3Key }, { ZipFile }, or an intrinsic
  if (written !== undefined && /^s3:\/\//.test(written)) return undefined;
  const codeDir = written === undefined ? dir : local(dir, written);
  if (codeDir === undefined) return undefined;
  if (index.has(codeDir) && !index.hasDir(codeDir)) return codeDir; // CodeUri naming a file (a zip or a script)
  const handler = scalar(get(props, 'Handler')) ?? (sam ? scalar(get(globals, 'Handler')) : undefined);
  const direct = handlerFile(index, codeDir, handler);
  if (direct) return direct;
  // esbuild builds `EntryPoints: [src/handlers/get.ts]` into `get.js` at the root of the artifact.
  const module = handler ? path.posix.basename(handler.slice(0, handler.lastIndexOf('.') > 0 ? handler.lastIndexOf('.') : undefined)) : undefined;
  for (const entry of strings(get(get(metadata, 'BuildProperties'), 'EntryPoints'))) {
    const p = local(codeDir, entry);
    if (p && index.has(p) && (!module || path.posix.basename(p).replace(/\.[cm]?[jt]sx?$/, '') === module)) return p;
  }
  return undefined;
}

/** `{ codeDir }` when the function's `CodeUri`/`Code` is a folder of the repository (its handler file unresolved). */
function codeDirOf(index: RepoIndex, dir: string, uri: YamlNode | undefined): { codeDir: string } | Record<string, never> {
  const written = scalar(uri);
  const codeDir = written === undefined || /^s3:\/\//.test(written) ? undefined : local(dir, written);
  return codeDir && index.hasDir(codeDir) ? { codeDir } : {};
}

/** A repo path from a path written relative to a folder; undefined when it leaves the repository. */
function local(dir: string, written: string): string | undefined {
  const p = path.posix.normalize(path.posix.join(dir, written)).replace(/\/+$/, '');
  return p.startsWith('..') ? undefined : p === '.' ? '' : p;
}

/** SAM `Events` other than HTTP ones, in a few words each. */
function eventTriggers(events: YamlNode | undefined): string[] {
  if (events?.kind !== 'map') return [];
  const out: string[] = [];
  for (const e of events.entries) {
    const type = scalar(get(e.value, 'Type')) ?? '';
    const p = get(e.value, 'Properties');
    const ref = (key: string) => {
      const node = get(p, key);
      return references(node)[0] ?? cfnText(node);
    };
    if (type === 'Api' || type === 'HttpApi') continue;
    if (type === 'Schedule' || type === 'ScheduleV2') out.push(`schedule ${cfnText(get(p, 'Schedule')) ?? cfnText(get(p, 'ScheduleExpression')) ?? ''}`.trim());
    else if (type === 'SQS') out.push(`sqs ${ref('Queue') ?? ''}`.trim());
    else if (type === 'SNS') out.push(`sns ${ref('Topic') ?? ''}`.trim());
    else if (type === 'S3') out.push(`s3 ${ref('Bucket') ?? ''} ${strings(get(p, 'Events')).join(', ')}`.trim());
    else if (type === 'DynamoDB' || type === 'Kinesis') out.push(`${type === 'DynamoDB' ? 'dynamodb' : 'kinesis'} stream ${ref('Stream') ?? ''}`.trim());
    else if (type === 'EventBridgeRule' || type === 'CloudWatchEvent') {
      const sources = strings(get(get(p, 'Pattern'), 'source'));
      out.push(`eventbridge${sources.length > 0 ? ` ${sources.join(', ')}` : ''}`);
    } else if (type === 'Cognito') out.push(`cognito ${ref('UserPool') ?? ''} ${cfnText(get(p, 'Trigger')) ?? strings(get(p, 'Trigger')).join(', ')}`.trim());
    else out.push(type ? type.toLowerCase() : e.key);
  }
  return out;
}

/** Triggers declared beside the function: event source mappings and EventBridge rules that target it. */
function addExternalTrigger(e: YamlEntry, triggers: Map<string, string[]>): void {
  const type = typeOf(e);
  const props = get(e.value, 'Properties');
  const add = (fn: string | undefined, text: string) => {
    if (fn && triggers.has(fn)) pushTo(triggers, fn, text);
  };
  if (type === 'AWS::Lambda::EventSourceMapping') {
    const source = references(get(props, 'EventSourceArn'))[0] ?? cfnText(get(props, 'EventSourceArn')) ?? '?';
    add(references(get(props, 'FunctionName'))[0], `event source ${source}`);
  } else if (type === 'AWS::Events::Rule') {
    const targets = get(props, 'Targets');
    const schedule = cfnText(get(props, 'ScheduleExpression'));
    for (const t of targets?.kind === 'seq' ? targets.items : []) {
      add(references(get(t, 'Arn'))[0], schedule ? `schedule ${schedule} (rule ${e.key})` : `eventbridge rule ${e.key}`);
    }
  }
}

/** A few readable settings for resources shown by type (an API's stage, a queue's or bucket's name). */
function detailOf(resources: YamlNode, name: string, first?: string): { detail?: string } {
  const props = get(get(resources, name), 'Properties');
  const parts = [
    ['StageName', 'stage'], ['Name', 'name'], ['QueueName', 'name'], ['TopicName', 'name'], ['BucketName', 'name'],
    ['UserPoolName', 'name'], ['StateMachineName', 'name'],
  ].flatMap(([key, label]) => {
    const value = cfnText(get(props, key));
    return value && !intrinsic(get(props, key))?.fn.startsWith('Fn::If') ? [`${label}: ${value}`] : [];
  });
  const all = [...(first ? [first] : []), ...parts];
  return all.length > 0 ? { detail: all.slice(0, 2).join(', ') } : {};
}

/** What a CI resource runs: a CodeBuild project's buildspec (inline, or its file), a pipeline's stages. */
function ciDetail(resource: YamlNode | undefined): string | undefined {
  const type = scalar(get(resource, 'Type'));
  const props = get(resource, 'Properties');
  if (type === 'AWS::CodeBuild::Project') {
    const spec = get(get(props, 'Source'), 'BuildSpec');
    const text = scalar(spec);
    if (spec && (text === undefined || text.includes('\n'))) return 'inline buildspec';
    return text ? `buildspec: ${text}` : undefined;
  }
  if (type === 'AWS::CodePipeline::Pipeline') {
    const stages = get(props, 'Stages');
    const names = stages?.kind === 'seq' ? stages.items.map((s) => scalar(get(s, 'Name'))).filter((n): n is string => !!n) : [];
    return names.length > 0 ? `stages: ${names.join(' → ')}` : undefined;
  }
  return undefined;
}
