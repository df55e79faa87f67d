/**
 * SST v3 Lambda functions that are not `new sst.aws.Function`: a component's handler props deploy a function too —
 * `Realtime({ authorizer })`, `realtime.subscribe(handler, args)`, `queue.subscribe(handler)`,
 * `topic.subscribe(name, handler)`, `dynamo.subscribe(name, handler)`, `bucket.notify({ notifications })`,
 * `api.addAuthorizer({ lambda: { function } })`. Each is one function row with its trigger, so the map does not
 * undercount the app's functions.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { property, propertyNameText } from '../shared/ast.js';
import { handlerFile } from './handlers.js';
import type { InfraFindings } from './serverless.js';

type Str = (e: ts.Expression | undefined) => string | undefined;
type HandlerOf = (value: ts.Expression | undefined) => string | undefined;

export interface SubscriberContext {
  readonly index: RepoIndex;
  readonly root: string;
  readonly file: string;
  readonly sf: ts.SourceFile;
  readonly out: InfraFindings;
  readonly str: Str;
  readonly handlerOf: HandlerOf;
}

/** A v3 component created with `new sst.aws.X(id, props)`: the class without its namespace and the id. */
export interface Component {
  readonly cls: string;
  readonly id: string;
}

function push(ctx: SubscriberContext, name: string, value: ts.Expression, trigger: string, at: ts.Node): void {
  const handler = ctx.handlerOf(value);
  if (!handler) return;
  const resolved = handlerFile(ctx.index, ctx.root, handler);
  // `{ handler, environment }` (FunctionArgs) names its own environment; a bare string has none.
  const props = ts.isObjectLiteralExpression(value) ? value : undefined;
  const env = props ? property(props, 'environment') : undefined;
  ctx.out.functions.push({
    tool: 'sst',
    name,
    handler,
    ...(resolved ? { handlerFile: resolved } : {}),
    ...(props && ctx.str(property(props, 'runtime')) ? { runtime: ctx.str(property(props, 'runtime')) } : {}),
    environment: env && ts.isObjectLiteralExpression(env) ? env.properties.flatMap((p) => (p.name ? [propertyNameText(p.name) ?? ''] : [])).sort() : [],
    triggers: [trigger],
    file: ctx.file,
    line: lineOf(at, ctx.sf),
  });
}

/** `new sst.aws.Realtime(id, { authorizer: 'src/auth.handler' | { handler } })`. */
export function componentProps(ctx: SubscriberContext, component: Component, props: ts.Expression | undefined): void {
  if (!props || !ts.isObjectLiteralExpression(props)) return;
  const authorizer = props.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyNameText(p.name) === 'authorizer',
  );
  // Only a handler string or an object with `handler` is a function; `authorizer: { jwt: … }` (ApiGatewayV2) is not.
  if (authorizer && (ctx.str(authorizer.initializer) || property(authorizer.initializer, 'handler'))) {
    // Cited at the handler itself when the authorizer is an object (`authorizer: {` is a line above it).
    const init = authorizer.initializer;
    const handler = ts.isObjectLiteralExpression(init) ? init.properties.find((p) => p.name && propertyNameText(p.name) === 'handler') : undefined;
    push(ctx, `${component.id} authorizer`, init, `${component.cls} '${component.id}' authorizer`, handler ?? authorizer);
  }
}

/** `component.subscribe(…)`, `bucket.notify(…)`, `api.addAuthorizer(…)` on a variable holding a v3 component. */
export function componentCall(ctx: SubscriberContext, component: Component, call: ts.CallExpression, method: string): void {
  const args = call.arguments;
  const where = `${component.cls} '${component.id}'`;
  if (method === 'subscribe') {
    // `subscribe(name, subscriber, args)` (Dynamo, SnsTopic, Bus, KinesisStream) or `subscribe(subscriber, args)`.
    const named = args.length >= 2 && ctx.str(args[0]) !== undefined && ctx.handlerOf(args[1]) !== undefined && !ctx.handlerOf(args[1])?.startsWith('arn:');
    const subscriber = named ? args[1] : args[0];
    if (!subscriber || ctx.handlerOf(subscriber)?.startsWith('arn:')) return;
    const name = named ? (ctx.str(args[0]) ?? `${component.id} subscriber`) : `${component.id} subscriber`;
    push(ctx, name, subscriber, `${where} subscription`, call);
  } else if (method === 'notify') {
    const list = property(args[0], 'notifications');
    if (!list || !ts.isArrayLiteralExpression(list)) return;
    for (const n of list.elements) {
      const fn = property(n, 'function');
      if (fn) push(ctx, ctx.str(property(n, 'name')) ?? `${component.id} notification`, fn, `${where} notification`, n);
    }
  } else if (method === 'addAuthorizer') {
    const fn = property(property(args[0], 'lambda'), 'function');
    if (fn) push(ctx, ctx.str(property(args[0], 'name')) ?? `${component.id} authorizer`, fn, `${where} authorizer`, call);
  }
}
