import type { Citation } from '../../facts.js';
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile } from '../../scan/ts.js';
import { CLIENT_KINDS, packageKind } from './kind.js';
import { isAuxiliary, isPublished } from './role.js';
import { filesByPackage } from './package-files.js';
import { isCdkModule, moduleOfNew, textImports, type TextImports } from './imports-text.js';
import { withoutComments } from '../shared/text-scan.js';
import { LIBRARY_MODULES, libraryConstruct, servicesOf } from '../cdk/library-catalogue.js';
import { isOtherAppText } from '../cdk/aside.js';
import { withoutUndeployed } from './undeployed-text.js';

/** Rows of the architecture diagram, top to bottom. */
export const LAYERS = ['client', 'edge', 'compute', 'data'] as const;
export type Layer = (typeof LAYERS)[number];

export interface ComponentEvidence extends Citation {
  /** What was found there: `new apigw.RestApi`, `react + vite dependencies`. */
  readonly what: string;
}

export interface ComponentData {
  readonly title: string;
  readonly layer: Layer;
  /** Short lines for the diagram box (package names, counts). */
  readonly lines: readonly string[];
  readonly evidence: readonly ComponentEvidence[];
}

/**
 * CDK construct classes worth a box, matched as text (`new apigw.RestApi(`) in one pass per file. A text scan is enough
 * for an overview and keeps step 1 fast; the CDK step does the real AST analysis.
 */
const CONSTRUCTS: Readonly<Record<string, { readonly title: string; readonly layer: Layer }>> = {
  Distribution: { title: 'CloudFront', layer: 'edge' },
  CloudFrontWebDistribution: { title: 'CloudFront', layer: 'edge' },
  RestApi: { title: 'API Gateway (REST)', layer: 'edge' },
  LambdaRestApi: { title: 'API Gateway (REST)', layer: 'edge' },
  SpecRestApi: { title: 'API Gateway (REST)', layer: 'edge' },
  HttpApi: { title: 'API Gateway (HTTP)', layer: 'edge' },
  WebSocketApi: { title: 'API Gateway (WebSocket)', layer: 'edge' },
  GraphqlApi: { title: 'AppSync GraphQL', layer: 'edge' },
  NodejsFunction: { title: 'Lambda', layer: 'compute' },
  DockerImageFunction: { title: 'Lambda', layer: 'compute' },
  PythonFunction: { title: 'Lambda', layer: 'compute' },
  Function: { title: 'Lambda', layer: 'compute' },
  FargateService: { title: 'ECS Fargate', layer: 'compute' },
  ApplicationLoadBalancedFargateService: { title: 'ECS Fargate', layer: 'compute' },
  StateMachine: { title: 'Step Functions', layer: 'compute' },
  Queue: { title: 'SQS', layer: 'compute' },
  Topic: { title: 'SNS', layer: 'compute' },
  EventBus: { title: 'EventBridge', layer: 'compute' },
  Rule: { title: 'EventBridge', layer: 'compute' },
  Table: { title: 'DynamoDB', layer: 'data' },
  TableV2: { title: 'DynamoDB', layer: 'data' },
  Bucket: { title: 'S3', layer: 'data' },
  DatabaseInstance: { title: 'RDS', layer: 'data' },
  DatabaseCluster: { title: 'RDS', layer: 'data' },
  ServerlessCluster: { title: 'RDS', layer: 'data' },
  UserPool: { title: 'Cognito', layer: 'data' },
  EventApi: { title: 'AppSync Events', layer: 'edge' },
};

/** Classes whose name alone does not say the service: they count only from their CDK module. */
const BY_MODULE: Readonly<Record<string, Readonly<Record<string, { readonly title: string; readonly layer: Layer }>>>> = {
  dsql: { CfnCluster: { title: 'Aurora DSQL', layer: 'data' } },
  elasticache: { CfnCacheCluster: { title: 'ElastiCache', layer: 'data' }, CfnReplicationGroup: { title: 'ElastiCache', layer: 'data' }, CfnServerlessCache: { title: 'ElastiCache', layer: 'data' } },
  opensearchservice: { Domain: { title: 'OpenSearch', layer: 'data' } },
  scheduler: { Schedule: { title: 'EventBridge Scheduler', layer: 'compute' } },
};

/** What a construct library's resources are called in the diagram, by CDK service. */
const SERVICE_TITLES: Readonly<Record<string, { readonly title: string; readonly layer: Layer }>> = {
  cloudfront: { title: 'CloudFront', layer: 'edge' },
  apigateway: { title: 'API Gateway (REST)', layer: 'edge' },
  lambda: { title: 'Lambda', layer: 'compute' },
  sqs: { title: 'SQS', layer: 'compute' },
  sns: { title: 'SNS', layer: 'compute' },
  events: { title: 'EventBridge', layer: 'compute' },
  kinesis: { title: 'Kinesis', layer: 'compute' },
  dynamodb: { title: 'DynamoDB', layer: 'data' },
  s3: { title: 'S3', layer: 'data' },
  cognito: { title: 'Cognito', layer: 'data' },
};

// A name in BY_MODULE only (a DSQL `CfnCluster`) is not in CONSTRUCTS: another module's class of that name is skipped.
const CLASS_NAMES = [...new Set([...Object.keys(CONSTRUCTS), ...Object.values(BY_MODULE).flatMap((m) => Object.keys(m))])];
const NEW_CONSTRUCT = new RegExp(`new\\s+((?:[\\w$]+\\.)*)(${CLASS_NAMES.join('|')})\\s*\\(`, 'g');
/** Any `new X(`: a construct from a well-known library is looked up by its import. */
const NEW_ANY = /new\s+((?:[\w$]+\.)*)([A-Z][\w$]*)\s*\(/g;

/** Services known from a dependency alone (no CDK definition needed), in the data/services row. */
const SERVICE_DEPS: readonly { readonly title: string; readonly layer: Layer; readonly re: RegExp }[] = [
  { title: 'DynamoDB', layer: 'data', re: /^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/ },
  { title: 'S3', layer: 'data', re: /^@aws-sdk\/client-s3$/ },
  { title: 'Cognito', layer: 'data', re: /^(aws-jwt-verify|amazon-cognito-identity-js|@aws-sdk\/client-cognito-identity-provider)$/ },
  { title: 'PostgreSQL', layer: 'data', re: /^(pg|postgres|@neondatabase\/serverless)$/ },
  { title: 'MySQL', layer: 'data', re: /^(mysql2?)$/ },
  { title: 'MongoDB', layer: 'data', re: /^(mongodb|mongoose)$/ },
  { title: 'Redis', layer: 'data', re: /^(redis|ioredis|@upstash\/redis)$/ },
  { title: 'Prisma', layer: 'data', re: /^@prisma\/client$/ },
  // react-admin's Supabase providers and the SSR / auth helper packages wrap supabase-js without it being declared.
  { title: 'Supabase', layer: 'data', re: /^(@supabase\/(supabase-js|ssr|auth-helpers-[\w-]+)|ra-supabase-core)$/ },
  { title: 'Firebase', layer: 'data', re: /^(firebase|firebase-admin)$/ },
  { title: 'Paddle', layer: 'data', re: /^@paddle\// },
  { title: 'Stripe', layer: 'data', re: /^(stripe|@stripe\/stripe-js)$/ },
];

/** Payment providers are often integrated without their SDK (webhook signatures by hand): a source file name says so. */
const PROVIDER_FILES: readonly { readonly title: string; readonly re: RegExp }[] = [
  { title: 'Paddle', re: /(^|\/)[^/]*paddle[^/]*\.(ts|tsx|js|mjs)$/i },
  { title: 'Stripe', re: /(^|\/)[^/]*stripe[^/]*\.(ts|tsx|js|mjs)$/i },
];

const SKIP_DIR = /(^|\/)(node_modules|cdk\.out|dist|build|coverage|test|tests|__tests__|__mocks__|fixtures?)\//;
/** A brand icon or logo component (`assets/brand-icons/icon-stripe.tsx`, `StripeLogo.tsx`) draws the provider, it does not use it. */
const ARTWORK = /(^|\/)(assets?|icons?|[^/]*-icons|images?|logos?|svgs?)\/|(^|[/_.-])(icons?|logos?)[_.-]|(icon|logo)\.[cm]?[jt]sx?$/i;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** A package in a diagram box: its name, or its folder where two packages share the name (the index names them `web (apps/x)`). */
function boxName(pkg: WorkspacePackage): string {
  return typeof pkg.manifest.name === 'string' && pkg.manifest.name && pkg.manifest.name !== pkg.name ? pkg.dir : pkg.name;
}

export function detectComponents(index: RepoIndex): ComponentData[] {
  const found = new Map<string, { title: string; layer: Layer; lines: string[]; evidence: ComponentEvidence[] }>();
  const add: AddComponent = (title, layer, evidence, line) => {
    let c = found.get(title);
    if (!c) {
      c = { title, layer, lines: [], evidence: [] };
      found.set(title, c);
    }
    if (line && !c.lines.includes(line)) c.lines.push(line);
    if (evidence && !c.evidence.some((e) => e.file === evidence.file && e.what === evidence.what)) c.evidence.push(evidence);
  };

  const product = index.packages.filter((p) => !isAuxiliary(p));
  // The root is a package of its own unless it declares workspaces (then it only holds them): an app at the root with
  // a nested docs folder is still the app.
  const packages = product.filter((p) => !p.isRoot || index.packages.length === 1 || index.workspaceTool === null);
  for (const pkg of packages) {
    const kind = packageKind(pkg, index);
    if (kind && CLIENT_KINDS.has(kind.id)) add(clientTitle(kind.label), 'client', { file: pkg.manifestPath, what: kind.because }, boxName(pkg));
    // The root of a standalone library is the product itself, not a client of it.
    if (kind?.id === 'library' && !pkg.isRoot && isPublished(pkg, index)) {
      add('Published libraries', 'client', { file: pkg.manifestPath, what: kind.because }, boxName(pkg));
    }
    if (kind?.id === 'http-server') add(kind.label, 'edge', { file: pkg.manifestPath, what: kind.because }, boxName(pkg));
    if (kind?.id === 'worker') add(kind.label, 'compute', { file: pkg.manifestPath, what: kind.because }, boxName(pkg));
    if (kind?.id === 'lambda') add('Lambda', 'compute', { file: pkg.manifestPath, what: kind.because }, `${kind.label === 'AWS Lambda layer' ? 'layer' : 'code'}: ${boxName(pkg)}`);
  }

  const counts: ConstructCounts = new Map();
  const owned = filesByPackage(index);
  for (const pkg of product) {
    const deps = allDependencies(pkg.manifest);
    if ('aws-cdk-lib' in deps || '@aws-cdk/core' in deps) scanCdk(index, owned.get(pkg) ?? [], counts, add);
  }
  for (const [title, classes] of counts) {
    // Lambda functions are often created through a wrapper construct, so a count of `new` sites would mislead.
    const names = [...classes.keys()].sort();
    if (title === 'Lambda') add(title, 'data', undefined, `via ${names.join('/')}`);
    // Counted per construct class: one `ApplicationLoadBalancedFargateService` and two `FargateService` are not three of the first.
    else for (const name of names) add(title, 'data', undefined, `${classes.get(name)}× ${name}`);
  }

  for (const pkg of product) {
    for (const dep of Object.keys(allDependencies(pkg.manifest)).sort()) {
      for (const s of SERVICE_DEPS) {
        if (s.re.test(dep)) add(s.title, s.layer, { file: pkg.manifestPath, what: `${dep} dependency` });
      }
    }
  }
  for (const file of index.files) {
    // A Supabase project folder (the CLI's config): the database and Edge Functions live there, whatever the client.
    if (/(^|\/)supabase\/config\.toml$/.test(file) && !SKIP_DIR.test(file)) add('Supabase', 'data', { file, what: 'Supabase project config' });
    for (const p of PROVIDER_FILES) {
      if (!p.re.test(file) || !isSourceFile(file) || SKIP_DIR.test(file) || TEST_FILE.test(file) || ARTWORK.test(file)) continue;
      const owner = index.packageOf(file);
      if (!owner || !isAuxiliary(owner)) {
        add(p.title, 'data', { file, what: 'source file named after the provider' });
      }
    }
  }

  return [...found.values()]
    .map((c) => ({ ...c, lines: c.lines.slice(0, 3).concat(c.lines.length > 3 ? [`+${c.lines.length - 3} more`] : []) }))
    .sort((a, b) => LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer) || order(a.title) - order(b.title) || a.title.localeCompare(b.title));
}

type AddComponent = (title: string, layer: Layer, evidence: ComponentEvidence | undefined, line?: string) => void;
type ConstructCounts = Map<string, Map<string, number>>;

/** `class UpdateClaims extends sfn.StateMachine`: a project subclass of a CDK class, counted as that class where it is created. */
const CLASS_EXTENDS = /\bclass\s+([\w$]+)\s+extends\s+((?:[\w$]+\.)*)([A-Z][\w$]*)\b(?![\w$.])/g;

const RENAMED_IMPORT = /import\s*\{[^}]*\bas\s/;

/** `aws-cdk-lib/aws-dynamodb` → `dynamodb`. */
function serviceOf(module: string): string {
  return module.replace(/^(aws-cdk-lib|monocdk)\/?|^@aws-cdk\//, '').replace(/^aws-/, '').replace(/-alpha$/, '');
}

function scanCdk(index: RepoIndex, files: readonly string[], counts: ConstructCounts, add: AddComponent): void {
  const subclasses = new Map<string, { title: string; layer: Layer; base: string }>();
  const created: { file: string; name: string; offset: number }[] = [];
  for (const file of files) {
    if (!isSourceFile(file) || SKIP_DIR.test(file) || TEST_FILE.test(file)) continue;
    const source = index.read(file);
    if (source === undefined || !source.includes('new ') || !/aws-cdk|constructs/.test(source)) continue;
    // Another app (an archived one in docs/, an example) is not what the repository deploys.
    if (isOtherAppText(file, source)) continue;
    // A construct or an import left in a comment (`// new s3.Bucket(…)`) is not part of the stack, nor is one in a
    // stack class the app never instantiates (its `new ApiStackV2(…)` commented out, a class no file imports).
    const text = withoutUndeployed(index, file, withoutComments(source));
    const firstOf = new Set<string>();
    let imports: TextImports | undefined;
    const moduleOf = (prefix: string, name: string) => moduleOfNew((imports ??= textImports(text)), prefix.replace(/\.$/, ''), name);
    const found = (title: string, layer: Layer, className: string, offset: number, what: string) => {
      const count = counts.get(title) ?? new Map<string, number>();
      counts.set(title, count);
      count.set(className, (count.get(className) ?? 0) + 1);
      if (firstOf.has(title)) return;
      firstOf.add(title);
      add(title, layer, { file, line: index.lineAt(file, offset), what });
    };
    NEW_CONSTRUCT.lastIndex = 0;
    for (let m = NEW_CONSTRUCT.exec(text); m; m = NEW_CONSTRUCT.exec(text)) {
      // A bare `Function` is Lambda's only behind a lambda namespace (`lambda.Function`, `cdk.aws_lambda.Function`).
      if (m[2] === 'Function' && !/lambda/i.test(m[1])) continue;
      // Only the AWS CDK's own classes: a project construct named `EventBus` may create something else entirely.
      const module = moduleOf(m[1], m[2]);
      if (!isCdkModule(module)) continue;
      const known = BY_MODULE[serviceOf(module!)]?.[m[2]] ?? CONSTRUCTS[m[2]];
      if (known) found(known.title, known.layer, m[2], m.index, m[0].replace(/\s*\($/, '').replace(/\s+/g, ' '));
    }
    if (text.includes('extends')) {
      CLASS_EXTENDS.lastIndex = 0;
      for (let m = CLASS_EXTENDS.exec(text); m; m = CLASS_EXTENDS.exec(text)) {
        const module = moduleOf(m[2], m[3]);
        if (!isCdkModule(module)) continue;
        const known = BY_MODULE[serviceOf(module!)]?.[m[3]] ?? CONSTRUCTS[m[3]];
        if (known) subclasses.set(m[1], { ...known, base: m[3] });
      }
    }
    NEW_ANY.lastIndex = 0;
    for (let m = NEW_ANY.exec(text); m; m = NEW_ANY.exec(text)) {
      if (m[1]) continue;
      created.push({ file, name: m[2], offset: m.index });
      // A CDK class imported under another name (`import { Table as DynamoTable }`) is that class.
      if (!RENAMED_IMPORT.test(text) || CLASS_NAMES.includes(m[2])) continue;
      const original = (imports ??= textImports(text)).originals.get(m[2]);
      const module = original ? imports.names.get(m[2]) : undefined;
      if (!original || !isCdkModule(module)) continue;
      const known = BY_MODULE[serviceOf(module!)]?.[original] ?? CONSTRUCTS[original];
      if (known) found(known.title, known.layer, original, m.index, `new ${m[2]} (${original})`);
    }
    if (LIBRARY_MODULES.some((lib) => text.includes(lib))) {
      NEW_ANY.lastIndex = 0;
      for (let m = NEW_ANY.exec(text); m; m = NEW_ANY.exec(text)) {
        const module = moduleOf(m[1], m[2]);
        const entry = module ? libraryConstruct(module, m[2]) : undefined;
        if (!entry) continue;
        for (const service of servicesOf(entry)) {
          const t = SERVICE_TITLES[service];
          if (t) found(t.title, t.layer, m[2], m.index, `new ${m[2]} (${module})`);
        }
      }
    }
  }
  const cited = new Set<string>();
  for (const c of created) {
    const sub = subclasses.get(c.name);
    if (!sub) continue;
    const count = counts.get(sub.title) ?? new Map<string, number>();
    counts.set(sub.title, count);
    count.set(sub.base, (count.get(sub.base) ?? 0) + 1);
    if (cited.has(`${c.file}\0${sub.title}`)) continue;
    cited.add(`${c.file}\0${sub.title}`);
    add(sub.title, sub.layer, { file: c.file, line: index.lineAt(c.file, c.offset), what: `new ${c.name} (extends ${sub.base})` });
  }
}

/** CDK-defined components sort by a fixed, readable order within a row. */
function order(title: string): number {
  const ranks = ['CloudFront', 'API Gateway (REST)', 'API Gateway (HTTP)', 'Lambda', 'DynamoDB', 'S3', 'Cognito'];
  const i = ranks.indexOf(title);
  return i === -1 ? ranks.length : i;
}

function clientTitle(label: string): string {
  return label.replace(/\s*\(.*\)$/, '');
}
