/**
 * AppSync wiring calls, read like the CDK runs them: `api.addLambdaDataSource('Id', fn)` creates a `LambdaDataSource`
 * under the API, `ds.createResolver('Id', {...})` / `api.createResolver(...)` a `Resolver`, `ds.createFunction(...)`
 * an `AppsyncFunction`, and code-first `api.addQuery('name', new ResolvableField({...}))` a resolver on `Query`.
 * Each becomes a record like `new X(...)` would, so loops, helpers and wrappers cite the same way routes do.
 */
import type { ts } from '../../scan/ts.js';
import { createConstruct } from './constructs.js';
import type { Interpreter } from './interpreter.js';
import type { Rec } from './records.js';
import { prop, unknown, type ObjValue, type Value } from './values.js';

/** `api.add…DataSource(id, target, …)`: the data source class and the prop its second argument fills. */
const DATA_SOURCES: Record<string, readonly [className: string, ...props: string[]]> = {
  addLambdaDataSource: ['LambdaDataSource', 'lambdaFunction'],
  addDynamoDbDataSource: ['DynamoDbDataSource', 'table'],
  addHttpDataSource: ['HttpDataSource', 'endpoint'],
  addNoneDataSource: ['NoneDataSource'],
  addOpenSearchDataSource: ['OpenSearchDataSource', 'domain'],
  addElasticsearchDataSource: ['ElasticsearchDataSource', 'domain'],
  addRdsDataSource: ['RdsDataSource', 'serverlessCluster', 'secretStore', 'databaseName'],
  addEventBridgeDataSource: ['EventBridgeDataSource', 'eventBus'],
};

const CODE_FIRST: Record<string, string> = { addQuery: 'Query', addMutation: 'Mutation', addSubscription: 'Subscription' };

/** A method call on an AppSync API or data source record; undefined when it adds nothing this module maps. */
export function appsyncMethod(it: Interpreter, rec: Rec, name: string, args: readonly Value[], node: ts.Node): Value | undefined {
  const self: Value = { k: 'rec', rec };
  if (rec.category === 'graphqlApi') {
    const ds = DATA_SOURCES[name];
    if (ds) {
      const [className, ...targets] = ds;
      const fixed: Record<string, Value | undefined> = { api: self };
      targets.forEach((p, i) => (fixed[p] = args[i + 1]));
      return make(it, rec, className, 'graphqlDataSource', args[0], merged(fixed, args[targets.length + 1]), node);
    }
    if (name === 'createResolver') return make(it, rec, 'Resolver', 'graphqlResolver', args[0], merged({ api: self }, args[1]), node);
    const typeName = CODE_FIRST[name];
    // `new ResolvableField({ returnType, dataSource, code })`: a plain `Field` has no resolver.
    const field = args[1];
    if (typeName && field?.k === 'ext' && field.args && /ResolvableField$/.test(field.path.join('.'))) {
      const props = merged({ api: self, typeName: { k: 'str', v: typeName }, fieldName: args[0], codeFirst: { k: 'bool', v: true } }, field.args[0]);
      return make(it, rec, 'Resolver', 'graphqlResolver', undefined, props, node);
    }
    return undefined;
  }
  if (rec.category === 'graphqlDataSource' && (name === 'createResolver' || name === 'createFunction')) {
    // Older alpha modules: `createResolver({ typeName, fieldName })` without an id.
    const idFirst = args[0]?.k !== 'obj';
    const options = idFirst ? args[1] : args[0];
    const api = prop(rec.props, 'api');
    const scope = api?.k === 'rec' ? api.rec : rec;
    const props = merged({ api: api ?? unknown(node), dataSource: self }, options);
    return name === 'createResolver'
      ? make(it, scope, 'Resolver', 'graphqlResolver', idFirst ? args[0] : undefined, props, node)
      : make(it, scope, 'AppsyncFunction', 'graphqlFunction', idFirst ? args[0] : undefined, props, node);
  }
  return undefined;
}

function make(it: Interpreter, scope: Rec, className: string, category: 'graphqlDataSource' | 'graphqlResolver' | 'graphqlFunction', id: Value | undefined, props: ObjValue, node: ts.Node): Value {
  const resolverId = (): Value => {
    const t = prop(props, 'typeName');
    const f = prop(props, 'fieldName');
    return t?.k === 'str' && f?.k === 'str' ? { k: 'str', v: `${t.v}${f.v}Resolver` } : unknown(node, className);
  };
  return createConstruct(it, { module: scope.module, path: [className] }, category, [{ k: 'rec', rec: scope }, id ?? resolverId(), props], node);
}

/** The props the CDK builds for the construct: fixed ones first, then the options object as written. */
function merged(fixed: Record<string, Value | undefined>, options: Value | undefined): ObjValue {
  const obj: ObjValue = { k: 'obj', props: new Map(), open: options !== undefined && options.k !== 'obj' && options.k !== 'undef', n: options?.n, nodes: new Map() };
  for (const [key, value] of Object.entries(fixed)) if (value) obj.props.set(key, value);
  if (options?.k === 'obj') {
    for (const [key, value] of options.props) obj.props.set(key, value);
    for (const [key, n] of options.nodes ?? []) obj.nodes!.set(key, n);
    obj.open ||= options.open;
  }
  return obj;
}
