/** `cdk.lambda` facts: entry files resolved with CDK's own rules, runtime, memory, timeout, env vars, grants, triggers. */
import type { Citation } from '../../facts.js';
import { entryOf } from './entry.js';
import { EVENT_SOURCES } from './catalogue.js';
import type { EmitContext } from './emit-context.js';
import type { CdkEnvVar, CdkGrant, CdkLambdaData, CdkLambdaFact } from './facts.js';
import { wrapperCalls, type Rec } from './records.js';
import type { ts } from '../../scan/ts.js';
import { citationOf, citeValue, durationText, memberName, nodeText, prop, propNode, stringOf, textOf, type Value } from './values.js';

export function lambdaFacts(ctx: EmitContext, grants: readonly CdkGrant[], triggers: Map<Rec, CdkLambdaData['triggers'][number][]>): CdkLambdaFact[] {
  const out: CdkLambdaFact[] = [];
  const grantsOf = new Map<string, CdkGrant[]>();
  for (const g of grants) grantsOf.set(g.grantee, [...(grantsOf.get(g.grantee) ?? []), g]);
  for (const rec of ctx.model.recs) {
    if (rec.category !== 'lambda' || rec.imported) continue;
    const wrapper = ctx.wrapperOf(rec);
    const display = wrapper ?? rec;
    const id = ctx.id(rec);
    const at = ctx.at(display, 'lambda');
    const own = citationOf(rec.node);
    const props = rec.props;
    const data: CdkLambdaData = {
      ...ctx.base(rec, display),
      kind: rec.cdkClass ?? rec.className,
      ...(wrapper ? { wrapper: wrapper.className } : rec.decl ? { wrapper: rec.className } : wrapperName(rec)),
      ...entryOf(ctx, rec),
      ...optional('runtime', memberName(prop(props, 'runtime'))),
      ...optional('memoryMb', stringOf(prop(props, 'memorySize')) ?? textIfSet(prop(props, 'memorySize'))),
      ...optional('timeout', durationText(prop(props, 'timeout'))),
      environment: environmentOf(ctx, rec),
      grants: grantsOf.get(id) ?? [],
      ...(at[0].file !== own.file || at[0].line !== own.line ? { definedAt: own } : {}),
      triggers: (triggers.get(rec) ?? []).sort((a, b) => a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source)),
    };
    out.push({ kind: 'cdk.lambda', id, data, at });
  }
  return out;
}

/** The project helper the function is made through (`createFunction`), when its id is passed in by the caller. */
function wrapperName(rec: Rec): { wrapper?: string } {
  const frames = wrapperCalls(rec.frame, 'lambda', rec.idNode);
  return frames.length > 0 ? { wrapper: frames[frames.length - 1].name } : {};
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

function textIfSet(value: Value | undefined): string | undefined {
  return value && value.k !== 'undef' ? textOf(value) : undefined;
}

function environmentOf(ctx: EmitContext, rec: Rec): CdkEnvVar[] {
  const vars = new Map<string, CdkEnvVar>();
  const add = (name: string, value: Value, fallback: Citation, written?: ts.Node) => {
    const table = ctx.recOf(value, 'table');
    vars.set(name, {
      name,
      value: written ? nodeText(written) : textOf(value),
      literal: value.k === 'str' || value.k === 'num' || value.k === 'bool',
      ...(table && value.k === 'attr' && /^tableName$/.test(value.name) ? { table: ctx.id(table) } : {}),
      at: written ? citationOf(written) : (citeValue(value) ?? fallback),
    });
  };
  const env = prop(rec.props, 'environment');
  if (env?.k === 'obj') for (const [name, value] of env.props) add(name, value, citationOf(rec.node), propNode(env, name));
  for (const extra of rec.extras.get('env') ?? []) {
    const name = stringOf(extra.values[0]);
    if (name !== undefined && extra.values[1]) add(name, extra.values[1], citationOf(extra.node));
  }
  return [...vars.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** What invokes each lambda besides routes: event sources, Cognito triggers, rules, authorizers. */
export function lambdaTriggers(ctx: EmitContext): Map<Rec, CdkLambdaData['triggers'][number][]> {
  const out = new Map<Rec, CdkLambdaData['triggers'][number][]>();
  const add = (fnValue: Value | undefined, kind: string, source: string, at: Citation, detail?: string) => {
    const fn = ctx.lambdaOf(fnValue);
    if (!fn) return;
    const list = out.get(fn) ?? [];
    if (!list.some((t) => t.kind === kind && t.source === source)) list.push({ kind, source, ...(detail ? { detail } : {}), at });
    out.set(fn, list);
  };
  for (const rec of ctx.model.recs) {
    for (const extra of rec.extras.get('eventSource') ?? []) {
      const src = extra.values[0];
      const name = src?.k === 'ext' ? src.path[src.path.length - 1] : undefined;
      const kind = (name && EVENT_SOURCES[name]) ?? 'event source';
      const target = src?.k === 'ext' ? src.args?.[0] : undefined;
      add({ k: 'rec', rec }, kind, ctx.ref(target).text, citationOf(extra.node));
    }
    if (rec.category === 'userPool') {
      const triggers = prop(rec.props, 'lambdaTriggers');
      if (triggers?.k === 'obj') for (const [name, fn] of triggers.props) add(fn, 'Cognito trigger', `${ctx.id(rec)} ${name}`, citeValue(fn) ?? citationOf(rec.node));
      for (const extra of rec.extras.get('trigger') ?? []) add(extra.values[1], 'Cognito trigger', `${ctx.id(rec)} ${cognitoTrigger(extra.values[0])}`, citationOf(extra.node));
    }
    if (rec.category === 'rule') {
      const targets = [...(prop(rec.props, 'targets')?.k === 'arr' ? (prop(rec.props, 'targets') as { items: Value[] }).items : []), ...(rec.extras.get('target') ?? []).map((e) => e.values[0])];
      const schedule = prop(rec.props, 'schedule');
      for (const t of targets) {
        if (t?.k === 'ext' && t.args) add(t.args[0], 'EventBridge rule', ctx.id(rec), citationOf(rec.node), schedule ? textOf(schedule) : undefined);
      }
    }
    if (rec.category === 'authorizer') {
      const fn = prop(rec.props, 'handler') ?? rec.extras.get('target')?.[0]?.values[0];
      if (ctx.lambdaOf(fn)) add(fn, 'API authorizer', ctx.id(rec), citationOf(rec.node));
    }
    if (rec.category === 'bucket') {
      for (const extra of rec.extras.get('notification') ?? []) {
        const dest = extra.values[1];
        if (dest?.k === 'ext' && dest.args) add(dest.args[0], 'S3 notification', `${ctx.id(rec)} ${memberName(extra.values[0]) ?? ''}`.trim(), citationOf(extra.node));
      }
    }
  }
  return out;
}

/** `UserPoolOperation.POST_CONFIRMATION` → `postConfirmation`. */
function cognitoTrigger(value: Value | undefined): string {
  const name = memberName(value);
  if (!name) return textOf(value);
  return name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
