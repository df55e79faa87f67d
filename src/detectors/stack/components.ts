import type { Citation } from '../../facts.js';
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile } from '../../scan/ts.js';
import { CLIENT_KINDS, isAuxiliary, packageKind } from './kind.js';

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

interface ConstructPattern {
  readonly title: string;
  readonly layer: Layer;
  readonly re: RegExp;
}

/**
 * CDK constructs worth a box, matched as text (`new apigw.RestApi(`). A text scan is enough for an overview and keeps
 * step 1 fast; the CDK step does the real AST analysis.
 */
const CONSTRUCTS: readonly ConstructPattern[] = [
  { title: 'CloudFront', layer: 'edge', re: /new\s+(?:[\w$]+\.)*(Distribution|CloudFrontWebDistribution)\s*\(/g },
  { title: 'API Gateway (REST)', layer: 'edge', re: /new\s+(?:[\w$]+\.)*(RestApi|LambdaRestApi|SpecRestApi)\s*\(/g },
  { title: 'API Gateway (HTTP)', layer: 'edge', re: /new\s+(?:[\w$]+\.)*(HttpApi)\s*\(/g },
  { title: 'API Gateway (WebSocket)', layer: 'edge', re: /new\s+(?:[\w$]+\.)*(WebSocketApi)\s*\(/g },
  { title: 'AppSync GraphQL', layer: 'edge', re: /new\s+(?:[\w$]+\.)*(GraphqlApi)\s*\(/g },
  {
    title: 'Lambda',
    layer: 'compute',
    re: /new\s+(?:(?:[\w$]+\.)*(NodejsFunction|DockerImageFunction|PythonFunction)|(?:[\w$]+\.)*?([\w$]*lambda[\w$]*\.Function))\s*\(/gi,
  },
  { title: 'ECS Fargate', layer: 'compute', re: /new\s+(?:[\w$]+\.)*(FargateService|ApplicationLoadBalancedFargateService)\s*\(/g },
  { title: 'Step Functions', layer: 'compute', re: /new\s+(?:[\w$]+\.)*(StateMachine)\s*\(/g },
  { title: 'SQS', layer: 'compute', re: /new\s+(?:[\w$]+\.)*(Queue)\s*\(/g },
  { title: 'EventBridge', layer: 'compute', re: /new\s+(?:[\w$]+\.)*(EventBus|Rule)\s*\(/g },
  { title: 'DynamoDB', layer: 'data', re: /new\s+(?:[\w$]+\.)*(Table|TableV2)\s*\(/g },
  { title: 'S3', layer: 'data', re: /new\s+(?:[\w$]+\.)*(Bucket)\s*\(/g },
  { title: 'RDS', layer: 'data', re: /new\s+(?:[\w$]+\.)*(DatabaseInstance|DatabaseCluster|ServerlessCluster)\s*\(/g },
  { title: 'Cognito', layer: 'data', re: /new\s+(?:[\w$]+\.)*(UserPool)\s*\(/g },
  { title: 'SNS', layer: 'compute', re: /new\s+(?:[\w$]+\.)*(Topic)\s*\(/g },
];

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
  { title: 'Supabase', layer: 'data', re: /^@supabase\/supabase-js$/ },
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
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

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
  const packages = product.filter((p) => !p.isRoot || index.packages.length === 1);
  for (const pkg of packages) {
    const kind = packageKind(pkg);
    if (kind && CLIENT_KINDS.has(kind.id)) add(clientTitle(kind.label), 'client', { file: pkg.manifestPath, what: kind.because }, pkg.name);
    if (kind?.id === 'library' && pkg.manifest.private !== true && !pkg.isRoot) {
      add('Published libraries', 'client', { file: pkg.manifestPath, what: kind.because }, pkg.name);
    }
    if (kind?.id === 'http-server') add(kind.label, 'edge', { file: pkg.manifestPath, what: kind.because }, pkg.name);
    if (kind?.id === 'lambda') add('Lambda', 'compute', { file: pkg.manifestPath, what: kind.because }, `code: ${pkg.name}`);
  }

  for (const pkg of product) {
    const deps = allDependencies(pkg.manifest);
    if ('aws-cdk-lib' in deps || '@aws-cdk/core' in deps) scanCdk(index, pkg, add);
  }

  for (const pkg of product) {
    for (const dep of Object.keys(allDependencies(pkg.manifest)).sort()) {
      for (const s of SERVICE_DEPS) {
        if (s.re.test(dep)) add(s.title, s.layer, { file: pkg.manifestPath, what: `${dep} dependency` });
      }
    }
  }
  for (const file of index.files) {
    for (const p of PROVIDER_FILES) {
      if (!p.re.test(file) || !isSourceFile(file) || SKIP_DIR.test(file) || TEST_FILE.test(file)) continue;
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

function scanCdk(index: RepoIndex, pkg: WorkspacePackage, add: AddComponent): void {
  const counts = new Map<string, { n: number; classes: Set<string> }>();
  const files = index
    .filesUnder(pkg.dir)
    .filter((f) => isSourceFile(f) && !SKIP_DIR.test(f) && !TEST_FILE.test(f) && index.packageOf(f) === pkg);
  for (const file of files) {
    const text = index.read(file);
    if (text === undefined || !text.includes('new ') || !/aws-cdk|constructs/.test(text)) continue;
    for (const pattern of CONSTRUCTS) {
      pattern.re.lastIndex = 0;
      let first: RegExpExecArray | null = null;
      const count = counts.get(pattern.title) ?? { n: 0, classes: new Set<string>() };
      for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
        first ??= m;
        count.n++;
        count.classes.add((m[1] ?? m[2] ?? '').replace(/^.*\./, ''));
      }
      if (!first) continue;
      counts.set(pattern.title, count);
      const what = first[0].replace(/\s*\($/, '').replace(/\s+/g, ' ');
      add(pattern.title, pattern.layer, { file, line: lineAt(text, first.index), what });
    }
  }
  for (const [title, { n, classes }] of counts) {
    // Lambda functions are often created through a wrapper construct, so a count of `new` sites would mislead.
    const names = [...classes].sort().join('/');
    add(title, 'data', undefined, title === 'Lambda' ? `via ${names}` : `${n}× ${names}`);
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

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
