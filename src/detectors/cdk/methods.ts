/**
 * Method calls on constructs that add to what the app defines: grants, indexes, env vars, event sources, routes,
 * triggers, domains, behaviours, dependencies. What a call adds is stored on the record and read by `emit-*.ts`.
 */
import type { ts } from '../../scan/ts.js';
import { appsyncMethod } from './appsync.js';
import { serviceOf } from './catalogue.js';
import type { Category } from './catalogue.js';
import { createConstruct, genericConstruct } from './constructs.js';
import { libraryMethod } from './library.js';
import type { Interpreter } from './interpreter.js';
import type { Rec } from './records.js';
import { pushRoute, segmentsOf } from './routes.js';
import { UNDEF, prop, unknown, type ObjValue, type ResValue, type Value } from './values.js';

/** Extras each category keeps: method name → extras key. */
const EXTRAS: Record<string, Record<string, string>> = {
  table: { addGlobalSecondaryIndex: 'gsi', addLocalSecondaryIndex: 'lsi' },
  lambda: {
    addEnvironment: 'env',
    addEventSource: 'eventSource',
    addEventSourceMapping: 'eventSourceMapping',
    addToRolePolicy: 'policy',
    addPermission: 'permission',
    addFunctionUrl: 'functionUrl',
  },
  api: { addDomainName: 'domain', addUsagePlan: 'usagePlan', addStage: 'stage', addApiKey: 'apiKey' },
  userPool: { addTrigger: 'trigger', addGroup: 'group', registerIdentityProvider: 'idp' },
  distribution: { addBehavior: 'behaviour' },
  bucket: { addEventNotification: 'notification', addObjectCreatedNotification: 'createdNotification', addObjectRemovedNotification: 'removedNotification' },
  topic: { addSubscription: 'subscription' },
  rule: { addTarget: 'target' },
  usagePlan: { addApiStage: 'apiStage' },
};

/** Methods that create a construct: category → method → the class made, its category, and the prop naming the owner. */
const ADDS: Record<string, Record<string, { className: string; category?: Category; owner: string }>> = {
  userPool: {
    addClient: { className: 'UserPoolClient', category: 'userPoolClient', owner: 'userPool' },
    addDomain: { className: 'UserPoolDomain', category: 'userPoolDomain', owner: 'userPool' },
  },
  api: { addGatewayResponse: { className: 'GatewayResponse', owner: 'restApi' } },
};

export function cdkMethod(it: Interpreter, rec: Rec, name: string, args: readonly Value[], node: ts.Node): Value | undefined {
  const extra = (key: string) => it.model.extra(rec, key, { values: args, node, frame: it.frame, conditions: [...it.conditions] });
  if (rec.library) {
    const made = libraryMethod(it, rec, name, args, node);
    if (made) return made;
  }
  if (name.startsWith('grant') && args[0]) {
    it.model.grants.push({ method: name, resource: { k: 'rec', rec }, grantee: args[0], node, frame: it.frame });
    return unknown(node);
  }
  if (name === 'addDependency') {
    const other = args[0];
    if (other?.k === 'rec') it.model.dependencies.push({ from: rec, to: other.rec, node });
    return UNDEF;
  }
  // `taskDefinition.addContainer('core', { environment: { TABLE_NAME: table.tableName } })`: how a container's code
  // finds a table, like a Lambda's `environment`.
  if (name === 'addContainer' && args[1]?.k === 'obj') extra('container');
  // `secret.addRotationSchedule('id', { rotationLambda: fn })`: Secrets Manager invokes the function to rotate it.
  // Secrets have no category, so the module says what the construct is.
  if (name === 'addRotationSchedule' && serviceOf(rec.module) === 'secretsmanager') {
    extra('rotation');
    return unknown(node);
  }
  const key = rec.category ? EXTRAS[rec.category]?.[name] : undefined;
  if (key) {
    extra(key);
    // A function URL stands for its function where it is used (`FunctionUrlOrigin(url)` behind CloudFront).
    return key === 'functionUrl' ? { k: 'attr', of: rec, name: 'functionUrl', n: node } : unknown(node);
  }
  // `addClient`, `addDomain`, `addGatewayResponse` create a construct of their own in the CDK (`new UserPoolDomain(this,
  // id, { ...options, userPool: this })`): a resource of the stack like one written with `new`.
  const made = ADDS[rec.category ?? '']?.[name];
  if (made) {
    const props: ObjValue = { k: 'obj', props: new Map(args[1]?.k === 'obj' ? args[1].props : []), open: args[1]?.k !== 'obj' && args[1] !== undefined, n: args[1]?.n, nodes: new Map(args[1]?.k === 'obj' ? args[1].nodes : []) };
    props.props.set(made.owner, { k: 'rec', rec });
    const cls = { module: rec.module, path: [made.className] };
    const cargs: Value[] = [{ k: 'rec', rec }, args[0] ?? unknown(node), props];
    return made.category ? createConstruct(it, cls, made.category, cargs, node) : genericConstruct(it, cls, cargs, node);
  }
  if (rec.category === 'api') return apiMethod(it, rec, name, args, node);
  if (rec.category === 'graphqlApi' || rec.category === 'graphqlDataSource') return appsyncMethod(it, rec, name, args, node);
  if (name.startsWith('metric')) return { k: 'ext', module: 'metric', path: [name], args: [{ k: 'rec', rec }], n: node };
  return undefined;
}

function apiMethod(it: Interpreter, api: Rec, name: string, args: readonly Value[], node: ts.Node): Value | undefined {
  const options = args[0];
  if (name === 'addRoutes') {
    const seg = segmentsOf(prop(options, 'path'));
    const methods = prop(options, 'methods');
    const list: (Value | undefined)[] = methods?.k === 'arr' && methods.items.length > 0 ? methods.items : [methods];
    for (const method of list) {
      pushRoute(it, { api, method, segs: seg.segs, resolved: seg.resolved, integration: prop(options, 'integration'), options, inherited: [], source: 'http', node });
    }
    return unknown(node);
  }
  if (name === 'addRoute' && api.className === 'WebSocketApi') {
    const seg = segmentsOf(args[0]);
    pushRoute(it, { api, method: { k: 'str', v: 'WS' }, segs: seg.segs, resolved: seg.resolved, integration: prop(args[1], 'integration'), options: args[1], inherited: [], source: 'http', node });
    return unknown(node);
  }
  return undefined;
}

/** `resource.addResource('x')`, `resourceForPath('a/b')`, `addMethod('GET', integration, options)`, `addProxy()`. */
export function resourceMethod(it: Interpreter, res: ResValue, name: string, args: readonly Value[], node: ts.Node): Value {
  const child = (part: Value | undefined, options?: Value): ResValue => {
    const seg = segmentsOf(part);
    const inherited = options ? [options, ...res.inherited] : res.inherited;
    const importedBy = res.importedBy ? { importedBy: res.importedBy } : {};
    return { k: 'res', api: res.api, segs: [...res.segs, ...seg.segs], resolved: res.resolved && seg.resolved, inherited, n: node, ...importedBy };
  };
  switch (name) {
    case 'addResource':
    case 'getResource':
    case 'resourceForPath': {
      // On an imported API these are resources of the importing stack; `getResource` only finds one.
      if (res.importedBy && name !== 'getResource') {
        const count = name === 'addResource' ? 1 : Math.max(1, segmentsOf(args[0]).segs.length);
        it.model.importedApiResources.push({ api: res.api, importedBy: res.importedBy, count, node, inLoop: it.loops.length > 0 });
      }
      return child(args[0], prop(args[1], 'defaultMethodOptions'));
    }
    case 'addMethod': {
      const integration = args[1] && args[1].k !== 'undef' ? args[1] : defaultIntegration(res.api);
      pushRoute(it, { api: res.api, method: args[0], segs: res.segs, resolved: res.resolved, integration, options: args[2], inherited: res.inherited, source: 'rest', node, pathNode: res.n, importedBy: res.importedBy });
      return unknown(node);
    }
    case 'addProxy': {
      const options = args[0];
      const proxy = child({ k: 'str', v: '{proxy+}' }, prop(options, 'defaultMethodOptions'));
      const any = prop(options, 'anyMethod');
      if (!(any?.k === 'bool' && !any.v)) {
        const integration = prop(options, 'defaultIntegration') ?? defaultIntegration(res.api);
        pushRoute(it, { api: res.api, method: { k: 'str', v: 'ANY' }, segs: proxy.segs, resolved: proxy.resolved, integration, options: prop(options, 'defaultMethodOptions'), inherited: res.inherited, source: 'proxy', node });
      }
      return proxy;
    }
    default:
      return unknown(node);
  }
}

/** What a method without an integration runs: the API's `defaultIntegration`, or a `LambdaRestApi`'s handler. */
function defaultIntegration(api: Rec): Value | undefined {
  const kind = api.cdkClass ?? api.className;
  return prop(api.props, 'defaultIntegration') ?? (kind === 'LambdaRestApi' ? prop(api.props, 'handler') : kind === 'StepFunctionsRestApi' ? prop(api.props, 'stateMachine') : undefined);
}
