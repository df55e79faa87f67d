import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { API_KEY_PREFIX } from '@kv/shared';
import { hashApiKey } from '../lib/hash';
import { logger } from '../lib/logger';
import { apiKeysRepository } from '../repositories/api-keys-repository';
import { usersRepository } from '../repositories/users-repository';

// Dashboard calls to /v1/* send the Cognito id token instead of an API key.
const idTokenVerifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID ?? '',
  clientId: process.env.USER_POOL_CLIENT_ID ?? '',
  tokenUse: 'id',
});

/** Allow the whole `/v1/*` tree so API Gateway can cache the decision across routes. */
function buildPolicy(
  principalId: string,
  methodArn: string,
  context: APIGatewayAuthorizerResult['context'],
): APIGatewayAuthorizerResult {
  const [arnPrefix, stage] = methodArn.split('/');
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${arnPrefix}/${stage}/*/v1/*` }],
    },
    context,
  };
}

/**
 * TokenAuthorizer for the public data plane (`/v1/kv/*`, `/v1/namespaces`).
 * Accepts `Authorization: Bearer kv_live_…` API keys (looked up by SHA-256 hash
 * in the APIKeys table) or a Cognito id token from the dashboard.
 * Throwing `Unauthorized` makes API Gateway answer 401.
 */
export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const token = event.authorizationToken?.replace(/^Bearer\s+/i, '').trim();
  if (!token) throw new Error('Unauthorized');

  if (!token.startsWith(API_KEY_PREFIX)) {
    try {
      const claims = await idTokenVerifier.verify(token);
      const plan = String(claims['custom:plan'] ?? 'free');
      return buildPolicy(claims.sub, event.methodArn, { userId: claims.sub, plan, authType: 'cognito' });
    } catch (err) {
      logger.warn('invalid id token', { error: (err as Error).message });
      throw new Error('Unauthorized');
    }
  }

  const keyHash = hashApiKey(token);
  const apiKey = await apiKeysRepository.getByHash(keyHash);
  if (!apiKey || apiKey.revokedAt) {
    logger.warn('rejected api key', { prefix: token.slice(0, 12), revoked: Boolean(apiKey?.revokedAt) });
    throw new Error('Unauthorized');
  }

  const user = await usersRepository.get(apiKey.userId);
  void apiKeysRepository.touchLastUsed(keyHash).catch(() => undefined);

  return buildPolicy(apiKey.userId, event.methodArn, {
    userId: apiKey.userId,
    keyId: apiKey.keyId,
    plan: user?.plan ?? 'free',
    authType: 'api-key',
  });
};
