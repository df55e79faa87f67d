/**
 * The authentication flow as code shows it: JWT verification (jsonwebtoken, jose, aws-jwt-verify), handlers reading
 * the API Gateway authorizer context (Cognito claims), Lambda authorizers and the IAM policies they return, API-key
 * header checks, webhook signature checks, and Cognito triggers.
 */
import { ts, lineOf, walkMentioning } from '../../scan/ts.js';
import { importsOf, lastName, property } from '../shared/ast.js';
import { enclosingFunction, placeName } from '../shared/naming.js';
import type { AuthData } from './types.js';
import { isAuthorizerEntry } from './authorizer-entry.js';

const NEEDLES = [
  'jsonwebtoken', 'jose', 'aws-jwt-verify', 'express-jwt', 'passport-jwt', '@fastify/jwt', '@nestjs/jwt', 'authorizer', 'policyDocument', 'AuthorizerEvent', 'TriggerEvent',
  'x-api-key', 'X-API-Key', 'next-auth', 'NextAuth', 'createHmac', 'constructEvent', 'webhooks', 'Signature',
];
const JWT_LIBRARIES = new Set(['jsonwebtoken', 'jose', 'aws-jwt-verify', 'express-jwt', 'passport-jwt', '@fastify/jwt', '@nestjs/jwt']);
const AUTHORIZER_EVENT = /\bAPIGateway(Token|Request|Simple)?Authorizer\w*Event(V2)?\b|\bAPIGatewayRequestAuthorizerEventV2\b/;
const COGNITO_TRIGGER =
  /\b(PreSignUp|PostConfirmation|PreAuthentication|PostAuthentication|PreTokenGeneration\w*|CustomMessage|DefineAuthChallenge|CreateAuthChallenge|VerifyAuthChallengeResponse|UserMigration|CustomEmailSender|CustomSMSSender)TriggerEvent\b/;
const NEXT_AUTH = /^(next-auth|next-auth\/next|@auth\/core)$/;
/** Webhook evidence: the word, or a signature header (`x-hub-signature-256`, `stripe-signature`, `svix-id`). */
const WEBHOOK_EVIDENCE = /webhook|\bx-[\w-]*signature\b|\b(?:stripe|paddle|svix|webhook)-(?:signature|id|timestamp)\b/i;
const SIGNATURE_CALL = /^(verify|validate|check)\w*Signature$|^isValidSignature$|^isSignatureValid$/;

/** All needles in one pattern: one scan of the text instead of one per needle. */
const NEEDLE_PATTERN = new RegExp(NEEDLES.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));

export function mayHaveAuth(text: string): boolean {
  return NEEDLE_PATTERN.test(text);
}

/**
 * The needles that live in strings: an auth library's import (`from 'jose'`) or the `'x-api-key'` header. With code
 * only (strings blanked) these would be missed; with all text, a prompt mentioning "Signature" would count.
 */
export function authInStrings(text: string): boolean {
  return /(?:from\s*|require\(\s*)['"](?:jsonwebtoken|jose|aws-jwt-verify|express-jwt|passport-jwt|@fastify\/jwt|@nestjs\/jwt|next-auth[^'"]*|@auth\/core)['"]|['"]x-api-key['"]/i.test(text);
}

/** `NextAuth({...})` (next-auth, Auth.js) or a `const authOptions: NextAuthOptions = {...}`. */
function isNextAuthConfig(node: ts.Node, imports: ReturnType<typeof importsOf>): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    const b = imports.get(node.expression.text);
    return b !== undefined && NEXT_AUTH.test(b.module) && b.imported === 'default' && node.arguments.length > 0 && ts.isObjectLiteralExpression(node.arguments[0]);
  }
  return ts.isVariableDeclaration(node) && /\b(NextAuthOptions|NextAuthConfig|AuthOptions)\b/.test(node.type?.getText() ?? '');
}

/**
 * What the walk below can act on, as text: a node it acts on holds one of these words (an imported library's local
 * name, a property or call name, a parameter's type). Case is ignored, for the `X-Api-Key` string.
 */
const WORDS = ['authorizer', 'policyDocument', 'x-api-key', 'Signature', 'constructEvent', 'unmarshal', 'createHmac', 'AuthOptions', 'NextAuthConfig', 'TriggerEvent'];

const WORDS_PATTERN = new RegExp(WORDS.join('|'), 'gi');

function needlesOf(imports: ReturnType<typeof importsOf>, local: LocalRequire[]): RegExp {
  const names = [...[...imports].filter(([, b]) => JWT_LIBRARIES.has(b.module) || NEXT_AUTH.test(b.module)).map(([name]) => name), ...local.map((r) => r.name)]
    .map((name) => name.replace(/[$]/g, '\\$&'));
  return names.length === 0 ? WORDS_PATTERN : new RegExp([...WORDS, ...names].join('|'), 'gi');
}

/** `const jwt = require('jsonwebtoken')` inside a function: a binding that holds in that function only. */
interface LocalRequire {
  name: string;
  module: string;
  scope: ts.Node;
}

/**
 * JWT libraries loaded with `require()` inside a function body (a lazy load in a Lambda layer's helper) rather than
 * imported at the top: the calls on them verify tokens just as well. Top-level requires are `importsOf`'s.
 */
function localRequires(sf: ts.SourceFile): LocalRequire[] {
  if (!/require\(\s*['"]/.test(sf.text)) return [];
  const out: LocalRequire[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
      const call = node.initializer;
      const arg = call.arguments[0];
      const scope = ts.findAncestor(node.parent, (n) => ts.isFunctionLike(n));
      if (scope && ts.isIdentifier(call.expression) && call.expression.text === 'require' && arg && ts.isStringLiteralLike(arg) && JWT_LIBRARIES.has(arg.text)) {
        out.push({ name: node.name.text, module: arg.text, scope });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export function authFacts(file: string, sf: ts.SourceFile): AuthData[] {
  const imports = importsOf(sf);
  const local = localRequires(sf);
  const out: AuthData[] = [];
  const seen = new Set<string>();
  const add = (kind: AuthData['kind'], node: ts.Node, extra: Partial<AuthData> = {}) => {
    const exported = ts.findAncestor(node, ts.isExportAssignment) ? 'default' : '(module)';
    const name = (ts.isVariableDeclaration(node) ? node.name.getText(sf) : placeName(node)) ?? exported;
    const key = `${kind}|${name}|${extra.library ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, name, ...extra, file, line: lineOf(node, sf) });
  };
  const libraryOf = (expr: ts.Expression): string | undefined => {
    let root: ts.Expression = expr;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root)) return undefined;
    const id = root;
    const name = id.text;
    // The innermost function requiring it under that name wins over a top-level import of the same name.
    const inner = local.filter((r) => r.name === name && r.scope.pos <= id.pos && id.end <= r.scope.end).sort((a, b) => b.scope.pos - a.scope.pos)[0];
    const module = inner?.module ?? imports.get(name)?.module;
    return module && JWT_LIBRARIES.has(module) ? module : undefined;
  };

  walkMentioning(sf, needlesOf(imports, local), (node) => {
    if (isNextAuthConfig(node, imports)) {
      const config = ts.isCallExpression(node) ? node.arguments[0] : (node as ts.VariableDeclaration).initializer;
      const providers = property(config, 'providers');
      const list = providers && ts.isArrayLiteralExpression(providers) ? providers.elements.map((e) => lastName(ts.isCallExpression(e) ? e.expression : e) ?? '?') : [];
      add('session', node, { library: 'next-auth', detail: list.length > 0 ? `NextAuth configuration (providers: ${list.join(', ')})` : 'NextAuth configuration' });
    }
    if (ts.isNewExpression(node) && libraryOf(node.expression) === 'passport-jwt') {
      add('jwt-verify', node, { library: 'passport-jwt', detail: `passport ${lastName(node.expression) ?? 'Strategy'}` });
    } else if (ts.isCallExpression(node)) {
      const name = lastName(node.expression);
      const library = libraryOf(node.expression);
      if (library === 'jsonwebtoken' && name === 'verify') add('jwt-verify', node, { library, detail: 'jwt.verify' });
      if ((library === 'jsonwebtoken' || library === '@nestjs/jwt') && /^sign(Async)?$/.test(name ?? '')) add('jwt-sign', node, { library, detail: `${name} issues tokens` });
      if (library === 'express-jwt' && ts.isIdentifier(node.expression)) add('jwt-verify', node, { library, detail: `${node.expression.text}(…) middleware` });
      if (library === '@nestjs/jwt' && /^verify(Async)?$/.test(name ?? '')) add('jwt-verify', node, { library, detail: `JwtService.${name}` });
      if (library === 'jose' && (name === 'jwtVerify' || name === 'jwtDecrypt')) {
        const jwks = sf.text.includes('createRemoteJWKSet') ? ' with a remote JWKS' : '';
        add('jwt-verify', node, { library, detail: `${name}${jwks}` });
      }
      if (library === 'aws-jwt-verify' && name === 'create' && ts.isPropertyAccessExpression(node.expression)) {
        const cls = lastName(node.expression.expression) ?? 'JwtVerifier';
        const use = /tokenUse:\s*['"](\w+)['"]/.exec(node.getText(sf))?.[1];
        add('jwt-verify', node, { library, detail: use ? `${cls} (tokenUse: ${use})` : cls });
      }
      if (name && SIGNATURE_CALL.test(name)) add('webhook-signature', node, { detail: `checks the signature with ${name}` });
      if (name === 'constructEvent' && node.expression.getText(sf).includes('webhooks')) {
        add('webhook-signature', node, { detail: 'Stripe webhooks.constructEvent' });
      }
      if (name === 'unmarshal' && node.expression.getText(sf).includes('webhooks')) {
        add('webhook-signature', node, { detail: 'Paddle webhooks.unmarshal' });
      }
      if (name === 'createHmac') {
        const fn = enclosingFunction(node);
        if (fn && /timingSafeEqual|safeCompare|constantTimeEqual/.test(fn.getText(sf))) {
          // An HMAC compared in constant time is also how token hashes and signed cookies are checked: it is a
          // webhook signature only when the file says webhook or names a signature header.
          if (WEBHOOK_EVIDENCE.test(file) || WEBHOOK_EVIDENCE.test(sf.text)) {
            add('webhook-signature', node, { detail: 'HMAC signature check (createHmac + timingSafeEqual)' });
          } else add('hmac-compare', node, { detail: 'HMAC compared in constant time (createHmac + timingSafeEqual)' });
        }
      }
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'authorizer' && lastName(node.expression) === 'requestContext') {
      const fnText = enclosingFunction(node)?.getText(sf) ?? '';
      const detail = /\.jwt\b|\bjwt\?*\./.test(fnText)
        ? 'reads requestContext.authorizer.jwt.claims (HTTP API JWT authorizer)'
        : /\bclaims\b/.test(fnText)
          ? 'reads requestContext.authorizer.claims (Cognito user pool)'
          : /\.iam\b/.test(fnText)
            ? 'reads requestContext.authorizer.iam (IAM auth, Cognito identity)'
          : /\.lambda\b/.test(fnText)
            ? 'reads requestContext.authorizer.lambda (Lambda authorizer context)'
            : 'reads requestContext.authorizer (authorizer context)';
      add('cognito-claims', node, { detail });
    } else if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'policyDocument') {
      const effect = /Effect['"]?\s*:\s*['"]?(Allow|Deny)/.exec(node.getText(sf))?.[1];
      add('iam-policy', node, { detail: effect ? `returns an IAM policy (${effect} execute-api:Invoke)` : 'returns an IAM policy' });
    } else if (ts.isStringLiteralLike(node) && node.text.toLowerCase() === 'x-api-key' && readsHeader(node)) {
      add('api-key', node, { detail: 'reads the x-api-key header' });
    } else if (ts.isFunctionLike(node) && node.parameters.length > 0) {
      const type = node.parameters[0].type?.getText(sf) ?? handlerTypeEvent(node, sf);
      const authorizer = AUTHORIZER_EVENT.exec(type);
      if (authorizer && isAuthorizerEntry(node, sf)) {
        // `APIGatewayRequestAuthorizerEvent | APIGatewayTokenAuthorizerEvent`: one handler for both kinds.
        const both = /Token/.test(type) && /Request/.test(type);
        const style = both ? 'REQUEST or TOKEN' : type.includes('Token') ? 'TOKEN' : type.includes('Simple') || type.endsWith('V2') ? 'HTTP API' : 'REQUEST';
        add('authorizer', node.parameters[0], { detail: `Lambda ${style} authorizer (${authorizer[0]})` });
      }
      const trigger = COGNITO_TRIGGER.exec(type);
      if (trigger) add('cognito-trigger', node.parameters[0], { detail: `Cognito ${trigger[1]} trigger` });
    }
  });
  return out;
}

/**
 * The event type a handler type gives an untyped parameter: `export const handler: APIGatewayRequestAuthorizerHandler
 * = async (event) => …` takes an `APIGatewayRequestAuthorizerEvent`; '' when the function is not so typed.
 */
function handlerTypeEvent(fn: ts.SignatureDeclaration, sf: ts.SourceFile): string {
  let n: ts.Node = fn;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent)) n = n.parent;
  const typed = ts.isVariableDeclaration(n.parent) && n.parent.initializer === n ? n.parent.type : ts.isAsExpression(n) || ts.isSatisfiesExpression(n) ? n.type : undefined;
  const m = /\bAPIGateway(Token|Request|Simple)?Authorizer(WithContext)?Handler(V2)?\b|\bAPIGatewayRequestSimpleAuthorizerHandlerV2(WithContext)?\b/.exec(typed?.getText(sf) ?? '');
  if (!m) return '';
  if (m[0].startsWith('APIGatewayRequestSimple')) return 'APIGatewayRequestAuthorizerEventV2';
  return `APIGateway${m[1] ?? ''}AuthorizerEvent${m[3] ?? ''}`;
}

/**
 * Whether an `'x-api-key'` literal reads the header of a request coming in (`event.headers['x-api-key']`,
 * `request.headers.get('x-api-key')`, `c.req.header('x-api-key')`), as opposed to sending one to another service
 * (`fetch(url, { headers: { 'x-api-key': key } })`, `headers.set('x-api-key', key)`), which is not authentication here.
 */
function readsHeader(literal: ts.StringLiteralLike): boolean {
  const p = literal.parent;
  if (ts.isElementAccessExpression(p) && p.argumentExpression === literal) return !isAssigned(p);
  if (ts.isCallExpression(p) && p.arguments.length === 1 && p.arguments[0] === literal) {
    return /^(get|header|getHeader|headers)$/.test(lastName(p.expression) ?? '');
  }
  return false;
}

function isAssigned(e: ts.Expression): boolean {
  const p = e.parent;
  return ts.isBinaryExpression(p) && p.left === e && p.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}
