/** Route records: one per method and path, wherever the wiring call is (REST, HTTP API, WebSocket, data tables). */
import type { ts } from '../../scan/ts.js';
import type { Interpreter } from './interpreter.js';
import { count, type Rec } from './records.js';
import { memberName, textOf, type ImportRef, type Value } from './values.js';

export interface RouteInput {
  readonly api?: Rec;
  readonly method: Value | undefined;
  readonly segs: readonly string[];
  readonly resolved: boolean;
  readonly integration?: Value;
  readonly options?: Value;
  readonly inherited: readonly Value[];
  readonly source: 'rest' | 'http' | 'proxy';
  readonly node: ts.Node;
  readonly pathNode?: ts.Node;
  readonly importedBy?: ImportRef;
}

/** Path segments of `'v1/kv'` / `'/{id}'`; an expression that cannot be read becomes one `${expr}` segment. */
export function segmentsOf(value: Value | undefined): { segs: string[]; resolved: boolean } {
  if (!value || value.k === 'undef') return { segs: [], resolved: true };
  if (value.k === 'str') return { segs: value.v.split('/').filter((s) => s !== ''), resolved: true };
  return { segs: [`\${${textOf(value)}}`], resolved: false };
}

export function methodText(value: Value | undefined): string {
  if (!value || value.k === 'undef') return 'ANY';
  if (value.k === 'str') return value.v.toUpperCase();
  return memberName(value)?.toUpperCase() ?? textOf(value);
}

export function pushRoute(it: Interpreter, input: RouteInput): void {
  const row = it.row;
  const method = methodText(input.method);
  it.model.routes.push({
    api: input.api,
    method,
    // WebSocket routes are route keys (`$connect`, `sendmessage`), not paths.
    path: method === 'WS' ? input.segs.join('/') : `/${input.segs.join('/')}`,
    pathResolved: input.resolved,
    integration: input.integration,
    options: input.options,
    inherited: input.inherited,
    source: row ? 'table' : input.source,
    node: input.node,
    methodNode: input.method?.n,
    pathNode: input.pathNode,
    frame: it.frame,
    conditions: [...it.conditions],
    row,
    ...(input.importedBy ? { importedBy: input.importedBy } : {}),
  });
  count(it.frame, 'route');
}
