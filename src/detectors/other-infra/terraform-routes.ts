/**
 * An `aws_apigatewayv2_route` written once with `for_each` (a reusable HTTP API module): one route per entry of the
 * map its callers pass, each cited at the entry's `route_key` in the caller, with the entry's authorization. When the
 * map is not a literal the route stays one templated record that says where its routes come from.
 */
import { eachValue, forEachEntries, forEachInput, ownEntries, type ForEachEntry, type LocalValue, type Located } from './terraform-modules.js';
import type { InfraRouteData } from './types.js';

export function moduleRoutes(route: Located, resources: ReadonlyMap<string, Located>, callers: readonly Located[], locals: ReadonlyMap<string, LocalValue>): InfraRouteData[] {
  const attrs = route.block.attributes;
  const forEach = attrs.get('for_each')?.raw ?? '';
  const input = forEachInput(forEach, locals);
  // A literal map in the module itself (inline or a local), else the map each caller passes for the input.
  const own = input ? undefined : ownEntries(forEach, { file: route.file, line: attrs.get('for_each')?.line ?? route.block.line }, locals);
  const { entries, unresolved } = own ? { entries: own, unresolved: [] } : input ? forEachEntries(callers, input) : { entries: [], unresolved: callers };
  const lambdaRaw = lambdaExpression(attrs.get('target')?.raw, resources);
  const out: InfraRouteData[] = [];
  for (const entry of entries) {
    const key = eachValue(attrs.get('route_key')?.raw, entry);
    const m = key && /^(\S+)\s+(\S+)$/.exec(key.value);
    if (!key) continue;
    const via = lambdaRaw ? lambdaOf(lambdaRaw, entry) : undefined;
    const auth = authorizer(attrs.get('authorization_type')?.raw, attrs.get('authorizer_id')?.raw, entry);
    out.push({
      tool: 'terraform',
      method: m ? m[1].toUpperCase() : key.value === '$default' ? 'ANY' : 'WS',
      path: m ? m[2] : key.value,
      ...(via ? { via } : {}),
      ...(auth ? { authorizer: auth } : {}),
      file: entry.file,
      line: key.line,
    });
  }
  // Entries whose key is no literal, callers that pass a variable, or a module no folder here calls: the routes exist
  // but are not readable; one record says where they come from.
  const unread = entries.length > out.length || unresolved.length > 0 || (!own && entries.length === 0 && callers.length === 0);
  if (unread) {
    const over = input ? `var.${input}` : forEach;
    out.push({
      tool: 'terraform',
      method: '?',
      path: '',
      forEach: { over, calledAt: (unresolved.length > 0 ? unresolved : callers).map((c) => ({ file: c.file, line: c.block.line })) },
      file: route.file,
      line: route.block.line,
    });
  }
  return out;
}

/** The integration URI behind `target = "integrations/${aws_apigatewayv2_integration.route[each.key].id}"`. */
function lambdaExpression(target: string | undefined, resources: ReadonlyMap<string, Located>): string | undefined {
  const integration = /aws_apigatewayv2_integration\.([\w-]+)/.exec(target ?? '')?.[1];
  return integration ? resources.get(`aws_apigatewayv2_integration.${integration}`)?.block.attributes.get('integration_uri')?.raw : undefined;
}

/** The Lambda an entry names, as written (`module.lambda.invoke_arns["get-event"]`). */
function lambdaOf(raw: string, entry: ForEachEntry): string | undefined {
  const field = /^each\.value\.(\w+)$/.exec(raw)?.[1];
  const written = field ? entry.fields.get(field)?.raw : undefined;
  return written && !written.startsWith('"') ? written : undefined;
}

/** `JWT`, `AWS_IAM`, `CUSTOM (rsvp-mixed-mode)`: the entry's authorization type with the authorizer key it names. */
function authorizer(typeRaw: string | undefined, idRaw: string | undefined, entry: ForEachEntry): string | undefined {
  const type = eachValue(typeRaw, entry)?.value;
  if (!type || type === 'NONE') return undefined;
  const keys = [...(idRaw ?? '').matchAll(/each\.value\.(\w+)/g)].map((m) => m[1]).filter((f) => `each.value.${f}` !== typeRaw);
  const named = keys.map((k) => eachValue(`each.value.${k}`, entry)?.value).find((v) => v !== undefined);
  return named ? `${type} (${named})` : type;
}

/**
 * A route written once per module instance (`route_key = var.route_key`): one route per caller that passes a literal,
 * cited at that argument, with the authorization type it passes (or the module's literal one). [] unless every
 * caller passes a literal `METHOD /path`.
 */
export function inputRoutes(route: Located, callers: readonly Located[]): InfraRouteData[] {
  const attrs = route.block.attributes;
  const input = /^var\.(\w+)$/.exec(attrs.get('route_key')?.raw ?? '')?.[1];
  if (!input) return [];
  // A caller passing an expression leaves a route unknown: then the key is shown as written, not a partial list.
  const routes = callers.flatMap((c): InfraRouteData[] => {
    const entry: ForEachEntry = { key: '', file: c.file, line: c.block.line, fields: c.block.attributes };
    const key = eachValue(`each.value.${input}`, entry);
    const m = key && /^(\S+)\s+(\S+)$/.exec(key.value);
    if (!key || !m) return [];
    const typeRaw = attrs.get('authorization_type')?.raw;
    const typeInput = /^var\.(\w+)$/.exec(typeRaw ?? '')?.[1];
    const type = typeInput ? eachValue(`each.value.${typeInput}`, entry)?.value : eachValue(typeRaw, entry)?.value;
    return [{ tool: 'terraform', method: m[1].toUpperCase(), path: m[2], ...(type && type !== 'NONE' ? { authorizer: type } : {}), file: c.file, line: key.line }];
  });
  return routes.length === callers.length ? routes : [];
}
