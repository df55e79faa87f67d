/** `cdk.lambda` facts: entry files resolved with CDK's own rules, runtime, memory, timeout, env vars, grants, triggers. */
import type { Citation } from '../../facts.js';
import { entryOf } from './entry.js';
import type { EmitContext } from './emit-context.js';
import type { CdkEnvVar, CdkGrant, CdkLambdaData, CdkLambdaFact } from './facts.js';
import { wrapperCalls, type Rec } from './records.js';
import { ts } from '../../scan/ts.js';
import { citationOf, citeValue, durationText, memberName, nodeText, prop, propNode, stringOf, textOf, type Value } from './values.js';
import { pushTo } from '../../collections.js';

export function lambdaFacts(ctx: EmitContext, grants: readonly CdkGrant[], triggers: Map<Rec, CdkLambdaData['triggers'][number][]>): CdkLambdaFact[] {
  const out: CdkLambdaFact[] = [];
  const grantsOf = new Map<string, CdkGrant[]>();
  for (const g of grants) pushTo(grantsOf, g.grantee, g);
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
      ...openEnvironment(rec),
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

/**
 * `environment: { ...config, X: … }` or `environment: props.env`: variables this code cannot list are set too, so no
 * variable the function reads may be called "set nowhere".
 */
/** Depth-first over a node's descendants until `stop` returns true. */
function walkNodes(node: ts.Node, stop: (n: ts.Node) => boolean): boolean {
  return ts.forEachChild(node, (c) => stop(c) || walkNodes(c, stop) || undefined) === true;
}

function openEnvironment(rec: Rec): { environmentOpen?: { expression: string; at: Citation } } {
  const env = prop(rec.props, 'environment');
  if (env === undefined || env.k === 'undef' || (env.k === 'obj' && !env.open)) return {};
  const node = propNode(rec.props, 'environment');
  // The spread itself (`...props.functionProps?.environment`), cited at its own line; else the value as written.
  let spread: ts.Node | undefined;
  if (node) walkNodes(node, (n) => (spread ??= ts.isSpreadAssignment(n) ? n : undefined) !== undefined);
  const shown = spread ?? node;
  const written = shown ? nodeText(shown).replace(/\s+/g, ' ') : textOf(env);
  const at = shown ? citationOf(shown) : (citeValue(env) ?? citationOf(rec.node));
  return { environmentOpen: { expression: written.length > 80 ? `${written.slice(0, 79)}…` : written, at } };
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
