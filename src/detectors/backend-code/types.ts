import type { Fact } from '../../facts.js';

/** A higher-order handler wrapper, a middy `.use(...)`, or a server middleware function. */
export interface MiddlewareData {
  readonly name: string;
  readonly kind: 'wrapper' | 'middy' | 'server';
  /** One line on what it is (`wraps handler`, `middy: httpErrorHandler()`), from the code. */
  readonly detail?: string;
  /** Files that use it (wrap a handler with it), sorted. */
  readonly usedBy: readonly string[];
  readonly file: string;
  readonly line: number;
}

export type AuthKind =
  | 'jwt-verify' | 'jwt-sign' | 'session' | 'cognito-claims' | 'authorizer' | 'iam-policy' | 'api-key' | 'webhook-signature' | 'hmac-compare' | 'cognito-trigger';

/** A piece of the authentication flow found in code. */
export interface AuthData {
  readonly kind: AuthKind;
  /** Enclosing function or exported name. */
  readonly name: string;
  /** `jsonwebtoken`, `jose`, `aws-jwt-verify` for `jwt-verify`. */
  readonly library?: string;
  readonly detail?: string;
  readonly file: string;
  readonly line: number;
}

export interface ErrorClassData {
  readonly name: string;
  readonly extends: string;
  readonly statusCode?: string;
  readonly code?: string;
  readonly file: string;
  readonly line: number;
}

/** A function that turns errors into HTTP responses. */
export interface ErrorMappingData {
  readonly name: string;
  /** Error classes it checks with `instanceof`, sorted. */
  readonly handles: readonly string[];
  /** `not-found`: the catch-all `app.use((req, res) => res.status(404)…)` that answers requests no route took. */
  readonly role?: 'not-found';
  /** A NestJS `@Catch(…)` exception filter class. */
  readonly filter?: true;
  /**
   * For a filter: files that register it (`useGlobalFilters(new X())`, `@UseFilters(X)`, `{ provide: APP_FILTER,
   * useClass: X }`); empty when no registration names it (defined, not in use).
   */
  readonly registeredIn?: readonly string[];
  /** Files that call it, sorted. */
  readonly usedBy: readonly string[];
  readonly file: string;
  readonly line: number;
}

export type DynamoOperation =
  | 'Get' | 'Put' | 'Query' | 'Scan' | 'Update' | 'Delete'
  | 'BatchGet' | 'BatchWrite' | 'TransactGet' | 'TransactWrite';

/** One DynamoDB read or write in code. */
export interface DbAccessData {
  readonly operation: DynamoOperation;
  readonly client: 'sdk-v3' | 'document-client';
  /** `TableName` as written (`process.env.USERS_TABLE_NAME`, `TABLE`), or `?` when not visible. */
  readonly table: string;
  /** The environment variable that carries the table name, when the expression leads to one. */
  readonly envVar?: string;
  /** The table name itself, when the expression is (or leads to) a string literal. */
  readonly literal?: string;
  /** For transaction items: `Put`, `Update`, `Delete`, `ConditionCheck`, `Get`. */
  readonly action?: string;
  readonly index?: string;
  readonly keyCondition?: string;
  /** Attribute names of the `Key` given to Get/Update/Delete. */
  readonly key?: readonly string[];
  /** Enclosing function or method name. */
  readonly function?: string;
  readonly file: string;
  readonly line: number;
}

/** A module whose job is data access (repositories, `db/`, `dal/`). */
export interface DataModuleData {
  readonly file: string;
  readonly kind: 'repository' | 'data-access' | 'client';
  /** Exported names, sorted. */
  readonly exports: readonly string[];
}

/** A shared backend library module (`lib/`, `utils/`, `shared/`). */
export interface SharedLibData {
  readonly file: string;
  readonly exports: readonly string[];
}

export type MiddlewareFact = Fact<'backend.middleware', MiddlewareData>;
export type AuthFact = Fact<'backend.auth', AuthData>;
export type ErrorClassFact = Fact<'backend.error-class', ErrorClassData>;
export type ErrorMappingFact = Fact<'backend.error-mapping', ErrorMappingData>;
export type DbAccessFact = Fact<'backend.db-access', DbAccessData>;
export type DataModuleFact = Fact<'backend.data-module', DataModuleData>;
export type SharedLibFact = Fact<'backend.shared-lib', SharedLibData>;
