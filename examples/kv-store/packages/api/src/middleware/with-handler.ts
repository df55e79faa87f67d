import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { toHttpResponse, ValidationError } from '../lib/errors';
import { logger as rootLogger, type Logger } from '../lib/logger';

export interface RequestContext {
  lambdaContext: Context;
  requestId: string;
  /** Parsed JSON body (undefined for GET/DELETE or empty bodies). */
  body: unknown;
  /** Raw, unparsed body — needed for webhook signature checks. */
  rawBody: string;
  logger: Logger;
}

export interface HandlerResponse {
  statusCode?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (event: APIGatewayProxyEvent, ctx: RequestContext) => Promise<HandlerResponse>;

const corsHeaders = {
  'Access-Control-Allow-Origin': process.env.ALLOWED_ORIGIN ?? '*',
  'Access-Control-Allow-Headers': 'Authorization,Content-Type',
  'Access-Control-Allow-Methods': 'GET,PUT,POST,DELETE,OPTIONS',
};

/**
 * Wraps a route handler: parses JSON, adds CORS headers, logs the request and
 * maps thrown errors (AppError / ZodError / unknown) to JSON error responses.
 */
export function withHandler(handler: RouteHandler) {
  return async (event: APIGatewayProxyEvent, lambdaContext: Context): Promise<APIGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId ?? lambdaContext.awsRequestId;
    const logger = rootLogger.child({ requestId, route: `${event.httpMethod} ${event.resource}` });
    const started = Date.now();
    const rawBody = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body
      : '';

    try {
      let body: unknown;
      if (rawBody) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw new ValidationError('Request body must be valid JSON');
        }
      }
      const result = await handler(event, { lambdaContext, requestId, body, rawBody, logger });
      const statusCode = result.statusCode ?? 200;
      logger.info('request completed', { statusCode, durationMs: Date.now() - started });
      return {
        statusCode,
        headers: { 'Content-Type': 'application/json', ...corsHeaders, ...result.headers },
        body: result.body === undefined ? '' : JSON.stringify(result.body),
      };
    } catch (err) {
      const { statusCode, body } = toHttpResponse(err, requestId);
      const log = statusCode >= 500 ? logger.error : logger.warn;
      log('request failed', { statusCode, error: err instanceof Error ? err.message : String(err) });
      return {
        statusCode,
        headers: { 'Content-Type': 'application/json', ...corsHeaders },
        body: JSON.stringify(body),
      };
    }
  };
}
