import { runtimeProvider } from './runtime.js';

/**
 * Words that make a variable's value secret: tokens, keys, passwords, signing secrets, credentials in URLs, and keys
 * that bypass access rules (Supabase's `SERVICE_ROLE_KEY` / older `SERVICE_KEY`, Meilisearch's `MASTER_KEY`).
 */
/** A `…KEY` word ends there: `AUTH_KEYCLOAK_ISSUER` names a Keycloak issuer URL, not an auth key. */
const SECRET = /(SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|PRIVATE|(API|ACCESS|AUTH)_?KEYS?(?![A-Z])|CREDENTIAL|SIGNING|SALT|DSN|CONNECTION_?STRING|DATABASE_URL|DB_URL|REDIS_URL|MONGO(DB)?_URI|(POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|MONGO|MONGODB|KV|UPSTASH_REDIS_REST)_(URL|URI)|(WEBHOOK|ENCRYPTION|SERVICE|MASTER)_KEYS?(?![A-Z])|SERVICE_ROLE|_PAT$)/i;
/**
 * Suffixes that name a resource, a switch or a setting rather than hold a secret: `API_KEYS_TABLE_NAME`, `SECRET_ARN`,
 * `EXPOSE_USER_CREDENTIAL_IDS` (a flag), `PRIVATE_MODE`, `SALT_ROTATION` (a period), `TOKEN_TTL`, and lifetimes, sizes and
 * limits (`ACCESS_TOKEN_VALIDITY` in hours, `REFRESH_TOKEN_LIFETIME_DAYS`, `KEY_SIZE`, `TOKEN_MAX`).
 */
const NOT_SECRET = /(_NAMES?|_ARNS?|_IDS?|_REGION|_TABLE|_BUCKET|_ENDPOINT|_HOST|_PORT|_PATH|_FILE|_ENABLED|_DISABLED|_ENABLE|_DISABLE|_FLAG|_MODE|_ROTATION|_PERIOD|_INTERVAL|_TTL|_EXPIRY|_EXPIRES|_EXPIRES_IN|_EXPIRATION|_VALIDITY|_LIFETIME|_DURATION|_TIMEOUT|_LENGTH|_SIZE|_COUNT|_LIMIT|_MAX|_MIN|_(EXPIRATION|EXPIRY|EXPIRES_IN|TTL|TIMEOUT|VALIDITY|LIFETIME|DURATION|MAX_AGE)_(SECONDS?|SECS?|MINUTES?|MINS?|HOURS?|DAYS?|MS|S|M|H|D)|_ROUNDS|_MIN_LENGTH|_MAX_AGE|_MAX_ATTEMPTS|_HEADER|_PREFIX|_COOKIE)$/i;
/**
 * An address is no secret (`TOKEN_URL`, an OAuth token endpoint; `JWKS_URI`), except a connection URL, which holds
 * the database's or broker's credentials (`DATABASE_URL`, `REDIS_URL`, `MONGODB_URI`).
 */
const ADDRESS = /_(URL|URI)$/i;
const CONNECTION_URL = /(^|_)(DATABASE|DB|REDIS|MONGO(DB)?|POSTGRES(QL)?|PG|MYSQL|MARIADB|KV|UPSTASH_REDIS_REST|AMQP|RABBITMQ|CONNECTION|SECRET)_(URL|URI)$/i;
/** Switches: `ENABLE_TOKEN_REFRESH`, `SKIP_PASSWORD_CHECK`, `USE_SECRETS_MANAGER` turn a behaviour on or off. */
const FLAG = /^(ENABLE|DISABLE|EXPOSE|SKIP|USE|ALLOW|IS|HAS|SHOW|HIDE|FORCE)_/i;
/** Client-side tokens meant to be public (Paddle client tokens, Stripe publishable keys). */
const PUBLIC = /(CLIENT_TOKEN|PUBLISHABLE_KEY|PUBLIC_KEY)$/i;

/**
 * A bare `_KEY` / `_SKEY` suffix names a provider credential (`STRIPE_SKEY`, `HUGGINGFACE_KEY`, `NYT_KEY`) as often as
 * `_API_KEY` does. Not: keys that name a field or a slot (`PARTITION_KEY`, `SORT_KEY`, `CACHE_KEY`), keys meant to be
 * public (`ANON_KEY`, reCAPTCHA `SITE_KEY`, `_PUB_KEY`), or a bare `_KEY` on a name the framework ships to the browser
 * (`NEXT_PUBLIC_`, `VITE_`, `PUBLIC_`, `REACT_APP_`…) — those stay secret only when another word says so.
 */
const KEY_SUFFIX = /_S?KEY$/i;
const FIELD_KEY = /(^|_)(PARTITION|SORT|HASH|RANGE|PRIMARY|FOREIGN|CACHE|ANON|SITE|PUB|OBJECT|STORAGE|IDEMPOTENCY|LOCK|QUEUE|INDEX|ROUTING|GROUP|SHARD|LOOKUP|CURSOR|DEDUP(LICATION)?|REDIS|KV|FILE|IMAGE|UPLOAD)_KEY$/i;
const BROWSER_PREFIX = /^(NEXT_PUBLIC|NUXT_PUBLIC|EXPO_PUBLIC|VITE|PUBLIC|REACT_APP|GATSBY|VUE_APP)_/i;

/** A count of model tokens (`MAX_TOKENS`, `CHIME_SUMMARY_MAX_TOKENS`, `MAX_OUTPUT_TOKENS`): a number, not a credential. */
const TOKEN_COUNT = /(^|_)(MAX|MIN|NUM)_([A-Z0-9]+_)?TOKENS$/i;

/** Whether a variable's name says its value is a secret (by name only: values are never read). */
export function looksSecret(name: string): boolean {
  if (NOT_SECRET.test(name) && !/(TOKEN|SECRET|PASSWORD)_?IDS?$/i.test(name)) return false;
  if (TOKEN_COUNT.test(name)) return false;
  if (FLAG.test(name)) return false;
  if (ADDRESS.test(name) && !CONNECTION_URL.test(name)) return false;
  if (PUBLIC.test(name)) return false;
  if (SECRET.test(name)) return true;
  return KEY_SUFFIX.test(name) && name.length > 4 && !FIELD_KEY.test(name) && !BROWSER_PREFIX.test(name);
}

/** Variables set by the runtime or the tool rather than by the project (see `runtimeProvider`). */
export function isBuiltin(name: string, via: 'process' | 'import.meta'): boolean {
  return runtimeProvider(name, via) !== undefined;
}

/** A name that can be an environment variable (skips `process.env.constructor`-style noise). */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== 'constructor' && name !== 'hasOwnProperty';
}
