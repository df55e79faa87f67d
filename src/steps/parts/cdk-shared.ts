/** Display helpers for the CDK sections (steps 3, 4, 6): names, entry cells, conditions, grants. */
import type { Citation, FactSet } from '../../facts.js';
import type { CdkAuthorizerFact, CdkLambdaData, CdkLambdaFact, CdkRouteData } from '../../detectors/cdk/index.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import { value } from './format.js';

/**
 * Short display names for fact ids: the construct id alone (`KvGetFn`) unless two facts of the kind share it, then the
 * full id (`ApiStack/KvGetFn`).
 */
export function namer(facts: readonly { id: string; data: { constructId: string } }[]): (id: string) => string {
  const counts = new Map<string, number>();
  for (const f of facts) counts.set(f.data.constructId, (counts.get(f.data.constructId) ?? 0) + 1);
  const byId = new Map(facts.map((f) => [f.id, f.data.constructId]));
  return (id) => {
    const short = byId.get(id);
    return short !== undefined && counts.get(short) === 1 ? short : id;
  };
}

/** A citation with its line. */
export function at(c: Citation | undefined): string {
  return c ? cite(c.file, c.line) : '—';
}

/** An expression as written in the code, marked when it could not be read statically. */
export function written(text: string, unresolved = true): string {
  const shown = value(oneLine(text).length > 90 ? `${oneLine(text).slice(0, 89)}…` : oneLine(text));
  return unresolved ? `${shown} (unresolved)` : shown;
}

/** Where a Lambda's code is: the file, or how it is written when it cannot be resolved. */
export function entryCell(l: CdkLambdaData): string {
  // A container's command names the module it runs (`app.sqs_consumer.handler`); elsewhere `file.handler` is implied.
  const shownHandler = l.handler && l.handler !== 'handler' && (l.entrySource === 'docker' || !l.handler.endsWith('.handler'));
  const handler = shownHandler ? ` → ${code(l.handler!)}` : '';
  const note = l.entrySource === 'docker' && l.entry ? ' (container image)' : l.entryNote ? ` (${oneLine(l.entryNote)})` : '';
  if (l.entry && l.entryIsSource) return `${cite(l.entry)}${handler} (source of the build output the code names)`;
  if (l.entry) return `${cite(l.entry, l.entryLine)}${handler}${note}`;
  if (l.entrySource === 'inline') return 'inline code';
  if (l.entryAsWritten) return `${written(l.entryAsWritten)}${note}`;
  if (l.entryNote) return oneLine(l.entryNote);
  return '—';
}

export function conditionText(conditions: readonly string[] | undefined): string {
  if (!conditions || conditions.length === 0) return '';
  return `only if ${conditions.map((c) => code(readable(c))).join(' and ')}`;
}

/**
 * `!(!existsSync(dir))` → `existsSync(dir)`: the code after `if (!x) return` runs under `!(!x)`, kept in that form for
 * comparing branches (alternatives.ts) and shown plainly; only a single call or name is unwrapped (`!(!a || b)` is not
 * `a || b`).
 */
function readable(condition: string): string {
  return /^!\(!([\w$.]+(?:\([^()]*\))?)\)$/.exec(condition)?.[1] ?? condition;
}

const AUTHORIZER_TYPE: Record<CdkAuthorizerFact['data']['type'], string> = {
  cognito: 'Cognito user pool',
  'lambda-token': 'Lambda token',
  'lambda-request': 'Lambda request',
  jwt: 'JWT',
  iam: 'IAM',
};

export function authorizerType(type: CdkAuthorizerFact['data']['type']): string {
  return AUTHORIZER_TYPE[type];
}

/**
 * An authorizer's label: its literal name prop (`authorizerName`, CfnAuthorizer `name`) before the construct id, which
 * may be an expression passed down from the stack (`Utils.getEnv("STACK_NAME")`).
 */
export function authorizerLabel(data: CdkAuthorizerFact['data']): string {
  return data.name ?? data.constructId;
}

/** `ApiKeyAuthorizer (Lambda token)`, `IAM`, `none`. */
export function routeAuth(route: CdkRouteData, facts: FactSet): string {
  if (route.authorizer && route.authorizer !== 'NONE') {
    const fact = facts.of<CdkAuthorizerFact>('cdk.authorizer').find((a) => a.id === route.authorizer);
    if (fact) return `${code(authorizerLabel(fact.data))} (${authorizerType(fact.data.type)})`;
    return written(route.authorizer);
  }
  if (route.authorizationType && route.authorizationType !== 'NONE') return code(route.authorizationType);
  return route.apiKeyRequired ? 'API key' : 'none';
}

export function lambdaById(facts: FactSet): Map<string, CdkLambdaFact> {
  return new Map(facts.of<CdkLambdaFact>('cdk.lambda').map((l) => [l.id, l]));
}

/** `grantReadWriteData` → `read/write`, `grantReadData` → `read`, `grantWriteData` → `write`, else the method. */
export function grantLabel(method: string): string {
  const m = /^grant(Read)?(Write)?(Data)?$/.exec(method);
  if (m && (m[1] || m[2])) return [m[1] && 'read', m[2] && 'write'].filter(Boolean).join('/');
  if (method === 'grantStreamRead') return 'stream read';
  if (method === 'grantFullAccess') return 'full access';
  return method;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
