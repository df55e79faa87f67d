/**
 * What invokes each Lambda besides API routes: event sources and event source mappings (SQS, DynamoDB streams,
 * Kinesis), S3 notifications, SNS subscriptions, EventBridge rules and Scheduler schedules, Cognito triggers,
 * authorizers, Step Functions tasks, CloudFront (function URL origins), deploy-time triggers and custom resources,
 * Secrets Manager rotation schedules, what construct libraries wire, and (kind `invoke permission`, not a trigger)
 * other functions granted `grantInvoke`.
 */
import type { Citation } from '../../facts.js';
import { EVENT_SOURCES } from './catalogue.js';
import type { EmitContext } from './emit-context.js';
import type { CdkLambdaData } from './facts.js';
import type { Rec } from './records.js';
import { citationOf, citeValue, memberName, prop, stringOf, textOf, type Value } from './values.js';

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
  const eventSource = (rec: Rec, src: Value | undefined, at: Citation) => {
    const name = src?.k === 'ext' ? src.path[src.path.length - 1] : undefined;
    const kind = (name && EVENT_SOURCES[name]) ?? 'event source';
    const target = src?.k === 'ext' ? src.args?.[0] : undefined;
    add({ k: 'rec', rec }, kind, ctx.ref(target).text, at);
  };
  for (const rec of ctx.model.recs) {
    for (const extra of rec.extras.get('eventSource') ?? []) eventSource(rec, extra.values[0], citationOf(extra.node));
    // `new lambda.Function(this, 'Fn', { events: [new SqsEventSource(queue)] })`: the same as `fn.addEventSource(…)`.
    if (rec.category === 'lambda') for (const src of items(prop(rec.props, 'events'))) if (src.k === 'ext') eventSource(rec, src, citeValue(src) ?? citationOf(rec.node));
    // Triggers a library construct wires (`SqsToLambda`, `EventbridgeToLambda`, `Nextjs` behind CloudFront).
    for (const extra of rec.extras.get('invokedBy') ?? []) {
      const [kind, from, detail] = extra.values;
      const detailText = detail && detail.k !== 'undef' ? textOf(detail) : undefined;
      add({ k: 'rec', rec }, stringOf(kind) ?? 'invoked by', ctx.ref(from).text, citationOf(extra.node), detailText);
    }
    if (rec.category === 'userPool') {
      const triggers = prop(rec.props, 'lambdaTriggers');
      if (triggers?.k === 'obj') for (const [name, fn] of triggers.props) add(fn, 'Cognito trigger', `${ctx.id(rec)} ${name}`, citeValue(fn) ?? citationOf(rec.node));
      for (const extra of rec.extras.get('trigger') ?? []) add(extra.values[1], 'Cognito trigger', `${ctx.id(rec)} ${cognitoTrigger(extra.values[0])}`, citationOf(extra.node));
    }
    if (rec.category === 'rule') {
      const targets = [...items(prop(rec.props, 'targets')), ...(rec.extras.get('target') ?? []).map((e) => e.values[0])];
      const schedule = prop(rec.props, 'schedule') ?? prop(rec.props, 'scheduleExpression');
      for (const t of targets) {
        // `new targets.LambdaFunction(fn)`, or an L1 target `{ arn: fn.functionArn }`.
        const fn = t?.k === 'ext' && t.args ? t.args[0] : prop(t, 'arn');
        add(fn, 'EventBridge rule', ctx.id(rec), citationOf(rec.node), schedule ? textOf(schedule) : undefined);
      }
    }
    if (rec.category === 'schedule') {
      // EventBridge Scheduler: `target: new LambdaInvoke(fn, …)`, or an L1 `target: { arn: fn.functionArn }`.
      const target = prop(rec.props, 'target');
      const fn = target?.k === 'ext' && target.args ? target.args[0] : prop(target, 'arn');
      const schedule = prop(rec.props, 'schedule') ?? prop(rec.props, 'scheduleExpression');
      add(fn, 'EventBridge Scheduler', ctx.id(rec), citationOf(rec.node), schedule ? textOf(schedule) : undefined);
    }
    if (rec.category === 'topic') {
      for (const extra of rec.extras.get('subscription') ?? []) {
        const sub = extra.values[0];
        if (sub?.k === 'ext' && sub.args && /LambdaSubscription$/.test(sub.path.join('.'))) add(sub.args[0], 'SNS', ctx.id(rec), citationOf(extra.node));
      }
    }
    if (rec.category === 'eventSourceMapping') add(prop(rec.props, 'target'), sourceKind(prop(rec.props, 'eventSourceArn')), ctx.ref(ownerOf(prop(rec.props, 'eventSourceArn'))).text, citationOf(rec.node));
    for (const extra of rec.extras.get('eventSourceMapping') ?? []) {
      const arn = prop(extra.values[1], 'eventSourceArn');
      add({ k: 'rec', rec }, sourceKind(arn), ctx.ref(ownerOf(arn)).text, citationOf(extra.node));
    }
    for (const extra of rec.extras.get('functionUrl') ?? []) add({ k: 'rec', rec }, 'Function URL', ctx.id(rec), citationOf(extra.node));
    if (rec.category === 'distribution') {
      // A function URL (or the function) as a CloudFront origin: the distribution invokes it.
      for (const origin of originsOf(rec)) {
        for (const arg of origin.k === 'ext' ? (origin.args ?? []) : []) {
          const fn = arg.k === 'attr' ? arg.of : arg.k === 'rec' ? arg.rec : undefined;
          if (fn?.category === 'lambda') add(arg, 'CloudFront', ctx.id(rec), citationOf(rec.node));
        }
      }
    }
    // Run by CloudFormation while deploying: a `triggers.Trigger`, or a custom resource provider's event handler.
    if (rec.className === 'Trigger' && /triggers/.test(rec.module)) add(prop(rec.props, 'handler'), 'deploy-time trigger', ctx.id(rec), citationOf(rec.node));
    if (rec.className === 'CustomResource' || rec.className === 'CfnCustomResource') {
      // `serviceToken: fn.functionArn`: CloudFormation calls the function itself.
      const token = prop(rec.props, 'serviceToken');
      if (token?.k === 'attr' && token.of.category === 'lambda') add(token, 'custom resource', ctx.id(rec), citationOf(rec.node));
    }
    if (rec.className === 'AwsCustomResource') {
      // An SDK call made while deploying: `{ service: 'Lambda', action: 'invoke', parameters: { FunctionName: fn.functionName } }`.
      for (const key of ['onCreate', 'onUpdate', 'onDelete']) {
        const sdkCall = prop(rec.props, key);
        if (!/^(lambda|@aws-sdk\/client-lambda)$/i.test(stringOf(prop(sdkCall, 'service')) ?? '') || !/^invoke$/i.test(stringOf(prop(sdkCall, 'action')) ?? '')) continue;
        const fn = prop(prop(sdkCall, 'parameters'), 'FunctionName');
        if (fn?.k === 'attr' && fn.of.category === 'lambda') add(fn, 'custom resource', ctx.id(rec), citationOf(rec.node));
      }
    }
    if (rec.className === 'Provider' && /custom-resources/.test(rec.module)) {
      add(prop(rec.props, 'onEventHandler'), 'custom resource', ctx.id(rec), citationOf(rec.node));
      add(prop(rec.props, 'isCompleteHandler'), 'custom resource', ctx.id(rec), citationOf(rec.node));
    }
    // Secrets Manager rotation: `secret.addRotationSchedule(…)`, `new RotationSchedule(…, { secret, rotationLambda })`,
    // and the L1 `CfnRotationSchedule { secretId: secret.secretArn, rotationLambdaArn: fn.functionArn }`.
    for (const extra of rec.extras.get('rotation') ?? []) add(prop(extra.values[1], 'rotationLambda'), ROTATION, ctx.id(rec), citationOf(extra.node));
    if (/secretsmanager/.test(rec.module) && rec.className === 'RotationSchedule') {
      add(prop(rec.props, 'rotationLambda'), ROTATION, ctx.ref(prop(rec.props, 'secret')).text, citationOf(rec.node));
    }
    if (/secretsmanager/.test(rec.module) && rec.className === 'CfnRotationSchedule') {
      add(prop(rec.props, 'rotationLambdaArn'), ROTATION, ctx.ref(ownerOf(prop(rec.props, 'secretId'))).text, citationOf(rec.node));
    }
    if (rec.className === 'LambdaInvoke' && /stepfunctions-tasks/.test(rec.module)) {
      add(prop(rec.props, 'lambdaFunction'), 'Step Functions task', ctx.id(rec), citationOf(rec.node));
    }
    if (rec.category === 'authorizer') {
      const fn = prop(rec.props, 'handler') ?? rec.extras.get('target')?.[0]?.values[0];
      if (ctx.lambdaOf(fn)) add(fn, 'API authorizer', ctx.id(rec), citationOf(rec.node));
    }
    if (rec.category === 'bucket') {
      const notifications = [
        ...(rec.extras.get('notification') ?? []).map((e) => ({ e, event: memberName(e.values[0]) ?? '', dest: e.values[1] })),
        ...(rec.extras.get('createdNotification') ?? []).map((e) => ({ e, event: 'OBJECT_CREATED', dest: e.values[0] })),
        ...(rec.extras.get('removedNotification') ?? []).map((e) => ({ e, event: 'OBJECT_REMOVED', dest: e.values[0] })),
      ];
      for (const { e, event, dest } of notifications) {
        if (dest?.k === 'ext' && dest.args) add(dest.args[0], 'S3 notification', `${ctx.id(rec)} ${event}`.trim(), citationOf(e.node));
      }
    }
  }
  // `fn.grantInvoke(other)`: another function may call it. A permission, not a trigger: whether and when the other
  // function calls it is in that function's code, which the kind leaves open.
  for (const g of ctx.model.grants) {
    if (g.method !== 'grantInvoke') continue;
    const caller = ctx.lambdaOf(g.grantee);
    if (caller && ctx.lambdaOf(g.resource)) add(g.resource, INVOKE_PERMISSION, ctx.id(caller), citationOf(g.node));
  }
  return out;
}

/** The kind of a `grantInvoke` to another function: printed as "invoke permission: <function>", never as a trigger. */
export const INVOKE_PERMISSION = 'invoke permission';

/** The trigger kind of a rotation schedule; step 3 prints it as "Secrets Manager rotation of <secret>". */
export const ROTATION = 'Secrets Manager rotation';

function items(value: Value | undefined): Value[] {
  return value?.k === 'arr' ? value.items : [];
}

/** The construct an event source ARN belongs to (`queue.queueArn` → the queue). */
function ownerOf(arn: Value | undefined): Value | undefined {
  return arn?.k === 'attr' ? { k: 'rec', rec: arn.of } : arn;
}

/** `queue.queueArn` → SQS, `table.tableStreamArn` → DynamoDB stream, `stream.streamArn` → Kinesis. */
function sourceKind(arn: Value | undefined): string {
  if (arn?.k !== 'attr') return 'event source';
  if (arn.of.category === 'table' || /tableStreamArn/.test(arn.name)) return 'DynamoDB stream';
  if (/^queue/.test(arn.name)) return 'SQS';
  if (/^stream/.test(arn.name)) return 'Kinesis';
  return 'event source';
}

/** The origins of a distribution's behaviours, default and additional. */
function originsOf(rec: Rec): Value[] {
  const out: Value[] = [];
  const origin = prop(prop(rec.props, 'defaultBehavior'), 'origin');
  if (origin) out.push(origin);
  const extra = prop(rec.props, 'additionalBehaviors');
  if (extra?.k === 'obj') for (const b of extra.props.values()) { const o = prop(b, 'origin'); if (o) out.push(o); }
  for (const e of rec.extras.get('behaviour') ?? []) if (e.values[1]) out.push(e.values[1]);
  return out;
}

/** `UserPoolOperation.POST_CONFIRMATION` → `postConfirmation`. */
function cognitoTrigger(value: Value | undefined): string {
  const name = memberName(value);
  if (!name) return textOf(value);
  return name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
