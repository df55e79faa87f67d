/**
 * Lambda handlers that route requests themselves (behind an API Gateway proxy integration, an `ANY /{proxy+}` route
 * or a `LambdaRestApi`): one `lambda.inner-route` fact per route the handler tells apart, with the module that handles
 * it. Step 3 puts them under the API Gateway route whose Lambda is that file.
 */
import type { Citation, Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { backendScope, isInfrastructureCode } from '../backend-code/scope.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { DISPATCH_TEXT, innerRoutes } from './file.js';

export interface InnerRouteData {
  /** The Lambda handler file that dispatches. */
  readonly file: string;
  /** `GET`, …, or `ANY` when the code does not test the method. */
  readonly method: string;
  /** The path or route key as the code compares it (`/items/{id}`, `/items`). */
  readonly path: string;
  /** What it reads: `routeKey`, `resource`, `path`, `rawPath`, `httpMethod resource` (a template of both). */
  readonly key: string;
  /** The handler as written; absent when the branch answers inline. */
  readonly handler?: string;
  readonly handlerAt?: Citation;
  /** False when the branch calls something that cannot be followed statically. */
  readonly handlerResolved: boolean;
  readonly line: number;
}

export type InnerRouteFact = Fact<'lambda.inner-route', InnerRouteData>;

/** A Lambda handler: an exported `handler`, or API Gateway event types. */
const LAMBDA_TEXT = /\bexports\.handler\b|export\s+(?:const|let|async\s+function|function)\s+handler\b|APIGatewayProxy|APIGatewayEvent|aws-lambda/;

export const lambdaDispatchDetector: Detector = {
  id: 'lambda-dispatch',
  isEnabled: (index) => backendScope(index).files.length > 0,
  detect(index) {
    return dispatchRoutes(index).map((data): InnerRouteFact => ({
      kind: 'lambda.inner-route',
      id: `${data.file} ${data.method} ${data.path}`,
      data,
      at: [{ file: data.file, line: data.line }],
    }));
  },
};

function dispatchRoutes(index: RepoIndex): InnerRouteData[] {
  const resolver = moduleResolver(index);
  const out: InnerRouteData[] = [];
  for (const file of backendScope(index).files) {
    const text = index.read(file);
    if (!text || !DISPATCH_TEXT.test(text) || !LAMBDA_TEXT.test(text) || isInfrastructureCode(text)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const seen = new Set<string>();
    for (const r of innerRoutes(sf)) {
      const id = `${r.method} ${r.path}`;
      if (seen.has(id)) continue;
      seen.add(id);
      let handlerAt: Citation | undefined;
      if (r.binding) {
        const target = resolver.resolve(file, r.binding.module);
        handlerAt = target ? findDefinition(index, { file: target, name: r.binding.imported }) : undefined;
      } else if (r.localLine !== undefined) handlerAt = { file, line: r.localLine };
      out.push({
        file,
        method: r.method,
        path: r.path,
        key: r.key,
        ...(r.handler !== undefined ? { handler: r.handler } : {}),
        ...(handlerAt ? { handlerAt } : {}),
        handlerResolved: r.resolved,
        line: r.line,
      });
    }
  }
  return out;
}
