import { describe, expect, it } from 'vitest';
import { lambdaDispatchDetector, type InnerRouteData } from '../src/detectors/lambda-dispatch/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

async function inner(): Promise<InnerRouteData[]> {
  return (await detect(lambdaDispatchDetector, 'cdk-dispatch')).map((f) => f.data as InnerRouteData);
}

describe('Lambda handlers that route internally', () => {
  it('reads switch on routeKey, lookup tables keyed by method and path, and resource/httpMethod tests', async () => {
    expect((await inner()).map((r) => `${r.method} ${r.path} [${r.key}] ${r.handler ?? 'inline'} → ${r.handlerAt?.file}:${r.handlerAt?.line}`)).toEqual([
      'GET /users [resource] listUsers → services/admin/users.ts:3',
      'DELETE /users/{id} [resource] deleteUser → services/admin/users.ts:7',
      "ANY /reports/{kind} [resource] handlers[event.pathParameters?.kind ?? ''] → undefined:undefined",
      'GET /catalog/products [http.method rawPath] listProducts → services/catalog/products.ts:1',
      'GET /catalog/search [http.method rawPath] searchProducts → services/catalog/products.ts:5',
      'GET /orders [routeKey] listOrders → services/orders/list.ts:3',
      'POST /orders [routeKey] createOrder → services/orders/create.ts:3',
      'GET /orders/{id} [routeKey] lookup.getOrder → services/orders/get.ts:1',
    ]);
  });

  it('never gives a file to a handler it cannot follow, and skips response helpers and logging', async () => {
    const list = await inner();
    expect(list.find((r) => r.path === '/reports/{kind}')).toMatchObject({ handlerResolved: false });
    // `json(200, await lookup.getOrder(…))`: the helper is not the handler; `console.log` neither.
    expect(list.find((r) => r.path === '/orders/{id}')?.handler).toBe('lookup.getOrder');
  });

  it('points each API Gateway route at its own handler inside a shared Lambda, and lists the routes behind a proxy', async () => {
    const md = (await section(backendApiStep, 'cdk-dispatch')).markdown;
    expect(missingCitations(md, await indexOf('cdk-dispatch'))).toEqual([]);
    expect(md).toContain(
      '| `POST /orders` | `createOrder` `/services/orders/create.ts:3`, dispatched in `/services/orders/handler.ts:13` | none | `/lib/api-stack.ts:17` |',
    );
    expect(md).toContain('#### Routes inside `/services/catalog/handler.ts`');
    expect(md).toContain('The Lambda behind `ANY /catalog/{proxy+}` tells these 2 routes apart itself (by `http.method` and `rawPath`):');
    expect(md).toContain('| `DELETE /users/{id}` | `deleteUser` `/services/admin/users.ts:7` | `/services/admin/handler.ts:12` |');
    expect(md).toContain("| `ANY /reports/{kind}` | `handlers[event.pathParameters?.kind ?? '']` (not resolved statically) |");
    // Lambdas made by a helper function in another file are still traced to their code.
    expect(md).toContain('| `adminFn` | `/services/admin/handler.ts` |');
  });
});
