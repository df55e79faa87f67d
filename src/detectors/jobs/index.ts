/**
 * Work that runs outside a request: queues and their workers (BullMQ, Bull, Bee-Queue, SQS consumers), Temporal
 * workflows and workers, and schedules (node-cron, cron, node-schedule, @nestjs/schedule, Vercel crons, Inngest and
 * Trigger.dev functions), and discord.js bot clients. Each with the code that runs it, file and line.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { importsOf, lastName, property, staticString } from '../shared/ast.js';
import { isAppSource, isTestFile } from '../shared/source-scope.js';

export type JobKind = 'queue' | 'worker' | 'schedule' | 'workflow' | 'temporal-worker' | 'function' | 'bot';

export interface JobData {
  readonly kind: JobKind;
  /** `bullmq`, `temporal`, `node-cron`, `vercel`, `inngest`… */
  readonly via: string;
  /** Queue or task-queue name, schedule expression, workflow or function name, as written. */
  readonly name: string;
  /** For schedules: the cron expression; for Inngest: the event it listens to. */
  readonly trigger?: string;
  readonly file: string;
  readonly line: number;
}
export type JobFact = Fact<'jobs.job', JobData>;

const LIBS: Record<string, string> = {
  bullmq: 'bullmq',
  bull: 'bull',
  'bee-queue': 'bee-queue',
  'sqs-consumer': 'sqs-consumer',
  'node-cron': 'node-cron',
  cron: 'cron',
  'node-schedule': 'node-schedule',
  '@nestjs/schedule': '@nestjs/schedule',
  '@temporalio/worker': 'temporal',
  '@temporalio/workflow': 'temporal',
  '@temporalio/client': 'temporal',
  inngest: 'inngest',
  '@trigger.dev/sdk': 'trigger.dev',
  '@trigger.dev/sdk/v3': 'trigger.dev',
  'discord.js': 'discord.js',
};
const NEEDLES = Object.keys(LIBS).map((l) => `'${l}'`).concat(Object.keys(LIBS).map((l) => `"${l}"`));

export const jobsDetector: Detector = {
  id: 'jobs',
  isEnabled: (index) => index.packages.some((p) => Object.keys({ ...p.manifest.dependencies, ...p.manifest.devDependencies }).some((d) => d in LIBS)) || index.files.some((f) => /(^|\/)vercel\.json$/.test(f)),
  detect(index: RepoIndex): Fact[] {
    const out: JobData[] = [...vercelCrons(index)];
    const wrappers: Wrapper[] = [];
    for (const file of index.files) {
      if (!isAppSource(index, file) || isTestFile(file)) continue;
      const text = index.read(file);
      if (!text || !NEEDLES.some((n) => text.includes(n))) continue;
      const sf = index.parseOnce(file);
      if (sf) out.push(...jobsIn(file, sf, wrappers));
    }
    if (wrappers.length) out.push(...wrapperCalls(index, wrappers));
    return out
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
      .map((data) => ({ kind: 'jobs.job', id: `${data.kind} ${data.via} ${data.name}`, data, at: [{ file: data.file, line: data.line }] }));
  },
};

function jobsIn(file: string, sf: ts.SourceFile, wrappers: Wrapper[]): JobData[] {
  const imports = importsOf(sf);
  const libOf = (name: string | undefined) => {
    const binding = name ? imports.get(name) : undefined;
    return binding ? LIBS[binding.module] : undefined;
  };
  const out: JobData[] = [];
  const text = (e: ts.Expression | undefined) => (e ? (staticString(e)?.text ?? e.getText(sf)) : '');
  const push = (kind: JobKind, via: string, name: string, node: ts.Node, trigger?: string) =>
    out.push({ kind, via, name: name.slice(0, 120), ...(trigger ? { trigger: trigger.slice(0, 120) } : {}), file, line: lineOf(node, sf) });
  // A schedule whose expression is a parameter of a named function: its callers hold the real schedules.
  const schedule = (via: string, label: string, node: ts.Node, expr: ts.Expression) => {
    push('schedule', via, enclosingLabel(node) ?? label, node, text(expr));
    const wrapper = parameterOf(expr);
    if (wrapper) wrappers.push({ ...wrapper, via, file });
  };

  walk(sf, (node) => {
    if (ts.isNewExpression(node)) {
      const cls = lastName(node.expression);
      const lib = libOf(ts.isIdentifier(node.expression) ? node.expression.text : ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) ? node.expression.expression.text : undefined);
      const first = node.arguments?.[0];
      if ((lib === 'bullmq' || lib === 'bull' || lib === 'bee-queue') && first) {
        if (cls === 'Worker') push('worker', lib, text(first), node);
        else if (cls === 'Queue' || lib === 'bull' || lib === 'bee-queue') push('queue', lib, text(first), node);
      } else if (lib === 'cron' && cls === 'CronJob' && first) schedule('cron', 'CronJob', node, first);
      // A discord.js client is a long-running process of its own: it holds a gateway connection and reacts to events.
      else if (lib === 'discord.js' && cls === 'Client') push('bot', 'discord.js', enclosingLabel(node) ?? 'Client', node, 'Discord gateway events');
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      // `import { schedule as scheduleCron } from 'node-cron'`: the imported name, not the local one.
      const imported = ts.isIdentifier(callee) ? imports.get(callee.text)?.imported : undefined;
      const method = imported && imported !== 'default' && imported !== '*' ? imported : lastName(callee);
      const base = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : ts.isIdentifier(callee) ? callee.text : undefined;
      const lib = libOf(base);
      const [a0, a1] = node.arguments;
      if (lib === 'node-cron' && method === 'schedule' && a0) schedule('node-cron', 'cron.schedule', node, a0);
      else if (lib === 'node-schedule' && method === 'scheduleJob' && a0) schedule('node-schedule', 'scheduleJob', node, a0);
      else if (lib === 'cron' && method === 'from' && a0) push('schedule', 'cron', 'CronJob.from', node, text(property(a0, 'cronTime')));
      else if (lib === 'sqs-consumer' && method === 'create' && a0) push('worker', 'sqs-consumer', text(property(a0, 'queueUrl')) || 'SQS queue', node);
      else if (lib === 'temporal' && method === 'create' && base === 'Worker' && a0) push('temporal-worker', 'temporal', text(property(a0, 'taskQueue')) || 'task queue', node);
      else if (method === 'createFunction' && a0 && (libOf(base) === 'inngest' || /inngest/i.test(base ?? ''))) {
        const trigger = a1 && (text(property(a1, 'cron')) || text(property(a1, 'event')));
        push('function', 'inngest', text(property(a0, 'id')) || text(property(a0, 'name')) || 'function', node, trigger || undefined);
      } else if (lib === 'trigger.dev' && method === 'task' && a0) {
        push('function', 'trigger.dev', text(property(a0, 'id')) || 'task', node, text(property(a0, 'cron')) || undefined);
      }
    } else if (ts.isDecorator(node) && ts.isCallExpression(node.expression)) {
      const name = lastName(node.expression.expression);
      if ((name === 'Cron' || name === 'Interval' || name === 'Timeout') && libOf(name) === '@nestjs/schedule') {
        push('schedule', '@nestjs/schedule', enclosingLabel(node) ?? name, node, text(node.expression.arguments[0]));
      }
    }
  });
  // Temporal workflow files export their workflows as async functions; one fact per exported function.
  if ([...imports.values()].some((b) => b.module === '@temporalio/workflow')) {
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) push('workflow', 'temporal', st.name.text, st);
    }
  }
  return out;
}

/** A function that passes one of its parameters to a scheduler as the schedule: `scheduleTask(name, interval, task)`. */
interface Wrapper {
  readonly name: string;
  readonly index: number;
  readonly via: string;
  readonly file: string;
}

function parameterOf(expr: ts.Expression): Omit<Wrapper, 'via' | 'file'> | undefined {
  if (!ts.isIdentifier(expr)) return undefined;
  for (let n: ts.Node | undefined = expr.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const index = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === expr.text);
    if (index === -1) return undefined;
    const name = ts.isFunctionDeclaration(n) && n.name ? n.name.text : ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name.text : undefined;
    return name ? { name, index } : undefined;
  }
  return undefined;
}

/**
 * Calls of the wrappers, each a schedule with its argument as written (found on reactiflux/mod-bot:
 * `scheduleTask("EscalationResolver", ONE_MINUTE * 15, …)` around node-cron). Files are filtered on the name first.
 */
function wrapperCalls(index: RepoIndex, wrappers: readonly Wrapper[]): JobData[] {
  const out: JobData[] = [];
  const needles = [...new Set(wrappers.map((w) => `${w.name}(`))];
  for (const file of index.files) {
    if (!isAppSource(index, file) || isTestFile(file)) continue;
    const text = index.read(file);
    if (!text || !needles.some((n) => text.includes(n))) continue;
    const sf = index.parseOnce(file);
    if (!sf) continue;
    const imports = importsOf(sf);
    walk(sf, (node) => {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return;
      const local = node.expression.text;
      const binding = imports.get(local);
      const w = wrappers.find((x) => (binding ? binding.imported === x.name && stem(binding.module) === stem(x.file) : x.file === file && x.name === local));
      const arg = w && node.arguments[w.index];
      if (!w || !arg) return;
      const first = node.arguments[0] && staticString(node.arguments[0])?.text;
      const name = (w.index !== 0 && first) || enclosingLabel(node) || local;
      out.push({ kind: 'schedule', via: w.via, name: name.slice(0, 120), trigger: `${w.name}: ${(staticString(arg)?.text ?? arg.getText(sf)).slice(0, 100)}`, file, line: lineOf(node, sf) });
    });
  }
  return out;
}

/** `~/helpers/schedule` and `app/helpers/schedule.ts` → `schedule`: an import names the wrapper's module (aliases too). */
function stem(spec: string): string {
  return spec.replace(/\/index(\.[cm]?[jt]sx?)?$/, '').replace(/\.[cm]?[jt]sx?$/, '').split('/').pop()!;
}

/** The method, function or variable a job is declared in, to name it. */
function enclosingLabel(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n)) && n.name && ts.isIdentifier(n.name)) return n.name.text;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
    if (ts.isPropertyDeclaration(n) && ts.isIdentifier(n.name)) return n.name.text;
  }
  return undefined;
}

/** `crons` in vercel.json: a path Vercel calls on a schedule. */
function vercelCrons(index: RepoIndex): JobData[] {
  const out: JobData[] = [];
  for (const file of index.files.filter((f) => /(^|\/)vercel\.json$/.test(f))) {
    const text = index.read(file);
    const json = index.readJson<{ crons?: { path?: string; schedule?: string }[] }>(file);
    if (!text || !Array.isArray(json?.crons)) continue;
    for (const c of json.crons) {
      if (typeof c?.path !== 'string') continue;
      const at = text.indexOf(JSON.stringify(c.path));
      out.push({ kind: 'schedule', via: 'vercel', name: c.path, ...(typeof c.schedule === 'string' ? { trigger: c.schedule } : {}), file, line: at === -1 ? 1 : text.slice(0, at).split('\n').length });
    }
  }
  return out;
}
