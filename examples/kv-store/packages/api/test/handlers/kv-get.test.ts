import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/repositories/kv-repository', () => ({
  kvRepository: { get: vi.fn() },
}));
vi.mock('../../src/repositories/usage-repository', () => ({
  currentMonth: () => '2024-05',
  usageRepository: { increment: vi.fn().mockResolvedValue(1) },
}));

import { handler } from '../../src/handlers/kv/get';
import { kvRepository } from '../../src/repositories/kv-repository';

const lambdaContext = { awsRequestId: 'req-123' } as Context;

function makeEvent(namespace: string, key: string): APIGatewayProxyEvent {
  return {
    httpMethod: 'GET',
    resource: '/v1/kv/{namespace}/{key}',
    path: `/v1/kv/${namespace}/${key}`,
    pathParameters: { namespace, key },
    queryStringParameters: null,
    headers: {},
    body: null,
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-123',
      authorizer: { userId: 'user-1', plan: 'free', keyId: 'key-1', authType: 'api-key' },
    },
  } as unknown as APIGatewayProxyEvent;
}

describe('GET /v1/kv/{namespace}/{key}', () => {
  beforeEach(() => vi.mocked(kvRepository.get).mockReset());

  it('returns the stored item', async () => {
    vi.mocked(kvRepository.get).mockResolvedValue({
      namespace: 'sessions',
      key: 'user-42',
      value: { theme: 'dark' },
      size: 16,
      createdAt: 1714500000000,
      updatedAt: 1714500000000,
    });

    const res = await handler(makeEvent('sessions', 'user-42'), lambdaContext);

    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ key: 'user-42', value: { theme: 'dark' } });
    expect(kvRepository.get).toHaveBeenCalledWith('user-1', 'sessions', 'user-42');
    expect(res.headers?.['X-RateLimit-Limit']).toBe('100000');
  });

  it('returns 404 with an error body when the key is missing', async () => {
    vi.mocked(kvRepository.get).mockResolvedValue(undefined);

    const res = await handler(makeEvent('sessions', 'nope'), lambdaContext);

    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('NOT_FOUND');
  });

  it('rejects invalid namespaces with 400', async () => {
    const res = await handler(makeEvent('Bad Namespace!', 'k'), lambdaContext);
    expect(res.statusCode).toBe(400);
  });
});
