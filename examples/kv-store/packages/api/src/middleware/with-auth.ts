import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Plan } from '@kv/shared';
import { UnauthorizedError } from '../lib/errors';
import type { RequestContext, HandlerResponse, RouteHandler } from './with-handler';

export interface Principal {
  userId: string;
  email?: string;
  plan: Plan;
  /** `cognito` for dashboard requests, `api-key` for SDK requests. */
  source: 'cognito' | 'api-key';
  keyId?: string;
}

export type AuthedContext = RequestContext & { principal: Principal };
export type AuthedHandler = (event: APIGatewayProxyEvent, ctx: AuthedContext) => Promise<HandlerResponse>;

/**
 * Resolves the caller from the API Gateway authorizer output:
 * - Cognito User Pools authorizer → `requestContext.authorizer.claims`
 * - API key TokenAuthorizer      → `requestContext.authorizer.{userId,plan,keyId}`
 */
export function getPrincipal(event: APIGatewayProxyEvent): Principal {
  const authorizer = event.requestContext.authorizer;
  const claims = authorizer?.claims as Record<string, string> | undefined;

  if (claims?.sub) {
    return {
      userId: claims.sub,
      email: claims.email,
      plan: (claims['custom:plan'] as Plan | undefined) ?? 'free',
      source: 'cognito',
    };
  }

  if (authorizer?.userId) {
    return {
      userId: String(authorizer.userId),
      plan: (authorizer.plan as Plan | undefined) ?? 'free',
      keyId: authorizer.keyId ? String(authorizer.keyId) : undefined,
      source: authorizer.authType === 'cognito' ? 'cognito' : 'api-key',
    };
  }

  throw new UnauthorizedError();
}

/** Adds `ctx.principal` for handlers behind an authorizer. */
export function withAuth(handler: AuthedHandler): RouteHandler {
  return async (event, ctx) => {
    const principal = getPrincipal(event);
    return handler(event, { ...ctx, principal, logger: ctx.logger.child({ userId: principal.userId }) });
  };
}
