/** `new X(scope, id, props)` for CDK classes: one record per construct, plus routes that a constructor alone declares. */
import type { ts } from '../../scan/ts.js';
import { ID_FIRST, type Category } from './catalogue.js';
import { variableOf } from './classes.js';
import type { Interpreter } from './interpreter.js';
import { stackOf, type Rec } from './records.js';
import { pushRoute, segmentsOf } from './routes.js';
import { idAsWritten, memberName, prop, refsOf, stringOf, textOf, truthy, type Env, type Value } from './values.js';

interface ClassRef {
  readonly module: string;
  readonly path: readonly string[];
}

export function createConstruct(it: Interpreter, cls: ClassRef, category: Category, args: readonly Value[], node: ts.Node, env?: Env): Value {
  const className = cls.path[cls.path.length - 1];
  const idFirst = ID_FIRST.has(className);
  const scope = idFirst ? (env ? it.selfOf(env) : undefined) : args[0];
  const id = idFirst ? args[0] : args[1];
  const rec = addRec(it, cls, category, scope, id, idFirst ? args[2] : args[2], node);
  if (idFirst && args[1]) it.model.extra(rec, 'target', { values: [args[1]], node, frame: it.frame, conditions: [...it.conditions] });
  if (category === 'stack') {
    it.model.stackRecs.set(node, rec);
    it.model.stackUses.set(rec, [{ props: args[2], node, conditions: [...it.conditions], idText: rec.idText, variable: rec.variable }]);
  }
  // A resolver wired from a literal table of fields: the row is where its type and field are written.
  if (category === 'graphqlResolver' && it.row) it.model.extra(rec, 'row', { values: [], node: it.row, frame: it.frame, conditions: [] });
  const props = rec.props;
  switch (category) {
    case 'api':
      apiRoutes(it, rec, props, node);
      break;
    case 'restResource': {
      const parent = prop(props, 'parent');
      const proxy = rec.className === 'ProxyResource';
      if (parent?.k === 'res') {
        const seg = proxy ? { segs: ['{proxy+}'], resolved: true } : segmentsOf(prop(props, 'pathPart'));
        const inherited = [prop(props, 'defaultMethodOptions'), ...parent.inherited].filter((v): v is Value => v !== undefined);
        const res: Value = { k: 'res', api: parent.api, segs: [...parent.segs, ...seg.segs], resolved: parent.resolved && seg.resolved, inherited, n: node };
        const any = prop(props, 'anyMethod');
        if (proxy && !(any?.k === 'bool' && !any.v)) {
          const integration = prop(props, 'defaultIntegration') ?? prop(parent.api.props, 'defaultIntegration');
          pushRoute(it, { api: parent.api, method: { k: 'str', v: 'ANY' }, segs: res.segs, resolved: res.resolved, integration, options: prop(props, 'defaultMethodOptions'), inherited, source: 'proxy', node });
        }
        return res;
      }
      break;
    }
    case 'cfnRoute': {
      // L1 HTTP/WebSocket route: `routeKey: 'GET /items'` or `'$connect'`, `target: 'integrations/' + integration.ref`.
      const api = refsOf(prop(props, 'apiId'))[0];
      const key = stringOf(prop(props, 'routeKey'));
      const m = key ? /^([A-Z]+)\s+(\/\S*)$/.exec(key) : null;
      const method: Value = m ? { k: 'str', v: m[1] } : { k: 'str', v: key?.startsWith('$') || (key && !key.includes(' ')) ? 'WS' : 'ANY' };
      const seg = m ? segmentsOf({ k: 'str', v: m[2] }) : segmentsOf(key !== undefined ? { k: 'str', v: key } : prop(props, 'routeKey'));
      pushRoute(it, { api, method, segs: seg.segs, resolved: seg.resolved, integration: prop(props, 'target'), options: props, inherited: [], source: 'http', node });
      break;
    }
    case 'restMethod': {
      const res = prop(props, 'resource');
      if (res?.k === 'res') {
        pushRoute(it, { api: res.api, method: prop(props, 'httpMethod'), segs: res.segs, resolved: res.resolved, integration: prop(props, 'integration'), options: prop(props, 'options'), inherited: res.inherited, source: 'rest', node });
      }
      break;
    }
    case 'httpRoute': {
      const api = prop(props, 'httpApi');
      const key = prop(props, 'routeKey');
      const keyArgs = key?.k === 'ext' ? key.args : undefined;
      const seg = segmentsOf(keyArgs?.[0]);
      pushRoute(it, { api: api?.k === 'rec' ? api.rec : undefined, method: keyArgs?.[1] ?? { k: 'str', v: 'ANY' }, segs: seg.segs, resolved: seg.resolved, integration: prop(props, 'integration'), options: props, inherited: [], source: 'http', node });
      break;
    }
  }
  return { k: 'rec', rec, n: node };
}

function addRec(it: Interpreter, cls: ClassRef, category: Category | undefined, scope: Value | undefined, id: Value | undefined, props: Value | undefined, node: ts.Node): Rec {
  const className = cls.path[cls.path.length - 1];
  const kind = category === 'app' ? 'app' : category === 'stack' ? 'stack' : category === 'stage' ? 'stage' : 'cdk';
  return it.model.add({
    kind,
    category,
    className,
    module: cls.module,
    idText: id?.k === 'str' ? { text: id.v, resolved: true } : { text: (id && idAsWritten(id, node)) || className, resolved: false },
    parent: scope?.k === 'rec' ? scope.rec : undefined,
    node,
    frame: it.frame,
    props,
    idNode: id?.n,
    conditions: [...it.conditions],
    ...(it.loops.length > 0 ? { loop: it.loops[it.loops.length - 1] } : {}),
    variable: variableOf(node),
  });
}

/** Any other construct from a construct library (`new sqs.Queue(this, 'Jobs')`). */
export function genericConstruct(it: Interpreter, cls: ClassRef, args: readonly Value[], node: ts.Node): Value {
  return { k: 'rec', rec: addRec(it, cls, undefined, args[0], args[1], args[2], node), n: node };
}

/** `Table.fromTableName(this, 'Users', name)`: not created here, but grants and env vars may still point at it. */
export function importedConstruct(it: Interpreter, cls: ClassRef, category: Category, args: readonly Value[], node: ts.Node, factory: string): Value {
  // `HttpApi.fromHttpApiAttributes(this, 'Api', { httpApiId: httpApi.apiId })` inside a nested stack is that same API:
  // an import whose attributes are an attribute of a construct of its own kind in this app stands for it.
  const attrs = args[2]?.k === 'obj' ? [...args[2].props.values()] : args[2] ? [args[2]] : [];
  const same = attrs.find((v): v is Extract<Value, { k: 'attr' }> => v.k === 'attr' && v.of.category === category);
  if (same) {
    // Kept on the table it stands for, so a map can say where else the app imports it (and count the import).
    it.model.extra(same.of, 'importedAs', { values: [{ k: 'str', v: factory }, args[0], args[1]], node, frame: it.frame, conditions: [...it.conditions] });
    const scope = (args[0]?.k === 'rec' ? stackOf(args[0].rec) : undefined) ?? it.stackBeingRead();
    return { k: 'rec', rec: same.of, n: node, importedBy: { stack: scope, node, factory: [...cls.path, factory].join('.') } };
  }
  const rec = addRec(it, cls, category, args[0], args[1], undefined, node);
  rec.imported = true;
  it.model.extra(rec, 'imported', { values: [{ k: 'str', v: factory }, args[2]], node, frame: it.frame, conditions: [] });
  return { k: 'rec', rec, n: node, importedBy: { stack: stackOf(rec), node, factory: [...cls.path, factory].join('.') } };
}

/** Routes an API declares in its constructor: `LambdaRestApi` proxying everything, HTTP/WebSocket default routes. */
function apiRoutes(it: Interpreter, rec: Rec, props: Value | undefined, node: ts.Node): void {
  const base = { api: rec, inherited: [], node, options: undefined };
  if (rec.className === 'LambdaRestApi' && truthy(prop(props, 'proxy') ?? { k: 'bool', v: true }) !== false) {
    const integration = prop(props, 'handler');
    pushRoute(it, { ...base, method: { k: 'str', v: 'ANY' }, segs: [], resolved: true, integration, source: 'proxy' });
    pushRoute(it, { ...base, method: { k: 'str', v: 'ANY' }, segs: ['{proxy+}'], resolved: true, integration, source: 'proxy' });
  }
  if (rec.className === 'HttpApi' && prop(props, 'defaultIntegration')) {
    pushRoute(it, { ...base, method: { k: 'str', v: 'ANY' }, segs: ['$default'], resolved: true, integration: prop(props, 'defaultIntegration'), source: 'http' });
  }
  if (rec.className === 'WebSocketApi') {
    for (const [key, route] of [['connectRouteOptions', '$connect'], ['disconnectRouteOptions', '$disconnect'], ['defaultRouteOptions', '$default']]) {
      const options = prop(props, key);
      if (options) pushRoute(it, { ...base, method: { k: 'str', v: 'WS' }, segs: [route], resolved: true, integration: prop(options, 'integration'), options, source: 'http' });
    }
  }
}

export { memberName };
