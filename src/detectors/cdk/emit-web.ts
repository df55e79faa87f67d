/** Facts for Cognito (user pools, clients) and web hosting (S3 buckets, CloudFront distributions and functions). */
import path from 'node:path';
import type { Citation } from '../../facts.js';
import type { EmitContext } from './emit-context.js';
import type {
  CdkBehaviour,
  CdkBucketFact,
  CdkDistributionFact,
  CdkEdgeFunctionFact,
  CdkUserPoolClientFact,
  CdkUserPoolFact,
} from './facts.js';
import type { Rec } from './records.js';
import { l1Assignment } from './l1-overrides.js';
import { citationOf, citeValue, memberName, prop, stringOf, textOf, type Value } from './values.js';

const t = (v: Value | undefined): string | undefined => (v && v.k !== 'undef' ? textOf(v) : undefined);
const cdkText = (v: Value | undefined) => (v && v.k !== 'undef' ? { text: stringOf(v) ?? textOf(v), resolved: stringOf(v) !== undefined } : undefined);

/** Keys of `{ email: true, phone: false }` whose value is not known to be false. */
function enabledKeys(value: Value | undefined): string[] {
  if (value?.k !== 'obj') return [];
  return [...value.props.entries()].filter(([, v]) => !(v.k === 'bool' && !v.v)).map(([k]) => k).sort();
}

/**
 * Whether a prop could not be read: props that are not an object (built by code the reader does not follow), an open
 * object without the key (a spread of something unknown), or a value that is not an object literal.
 */
function unread(props: Value | undefined, key: string): boolean {
  if (props?.k !== 'obj') return true;
  const v = props.props.get(key);
  return v === undefined ? props.open : v.k !== 'obj' && v.k !== 'undef';
}

function items(value: Value | undefined): Value[] {
  return value?.k === 'arr' ? value.items : [];
}

function pick<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function of(recs: readonly Rec[], category: string): Rec[] {
  return recs.filter((r) => r.category === category);
}

export function userPoolFacts(ctx: EmitContext): CdkUserPoolFact[] {
  const recs = ctx.model.recs;
  return of(recs, 'userPool')
    .filter((r) => !r.imported)
    .map((rec) => {
      const props = rec.props;
      const belongs = (r: Rec) => ctx.recOf(prop(r.props, 'userPool') ?? prop(r.props, 'userPoolId')) === rec;
      const triggers: { trigger: string; lambda: string; at: Citation }[] = [];
      const lt = prop(props, 'lambdaTriggers');
      if (lt?.k === 'obj') for (const [name, fn] of lt.props) triggers.push({ trigger: name, lambda: ctx.ref(fn, 'lambda').text, at: citeValue(fn) ?? citationOf(rec.node) });
      for (const e of rec.extras.get('trigger') ?? []) {
        const op = memberName(e.values[0]);
        const trigger = op ? op.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : textOf(e.values[0]);
        triggers.push({ trigger, lambda: ctx.ref(e.values[1], 'lambda').text, at: citationOf(e.node) });
      }
      const domainText = (v: Value | undefined) =>
        t(prop(prop(v, 'customDomain'), 'domainName')) ?? t(prop(prop(v, 'cognitoDomain'), 'domainPrefix')) ?? textOf(v);
      const domains = [
        ...(rec.extras.get('domain') ?? []).map((e) => ({ domain: domainText(e.values[1]), at: citationOf(e.node) })),
        ...of(recs, 'userPoolDomain').filter(belongs).map((d) => ({ domain: domainText(d.props), at: citationOf(d.node) })),
      ];
      const groupName = (v: Value | undefined, fallback: string) => stringOf(prop(v, 'groupName')) ?? t(prop(v, 'groupName')) ?? fallback;
      const groups = [
        ...(rec.extras.get('group') ?? []).map((e) => ({ name: groupName(e.values[1], textOf(e.values[0])), at: citationOf(e.node) })),
        ...of(recs, 'userPoolGroup').filter(belongs).map((g) => ({ name: groupName(g.props, g.idText.text), at: citationOf(g.node) })),
      ];
      const identityProviders = [
        ...of(recs, 'identityProvider').filter(belongs).map((p) => ({ kind: p.className.replace(/^UserPoolIdentityProvider/, ''), at: citationOf(p.node) })),
        ...(rec.extras.get('idp') ?? []).map((e) => ({ kind: textOf(e.values[0]), at: citationOf(e.node) })),
      ];
      const schema = l1Assignment(rec, 'CfnUserPool', 'schema');
      return {
        kind: 'cdk.userPool' as const,
        id: ctx.id(rec),
        data: pick({
          ...ctx.base(rec),
          userPoolName: cdkText(prop(props, 'userPoolName')),
          selfSignUp: t(prop(props, 'selfSignUpEnabled')),
          signInAliases: enabledKeys(prop(props, 'signInAliases')),
          autoVerify: enabledKeys(prop(props, 'autoVerify')),
          standardAttributes: enabledKeys(prop(props, 'standardAttributes')),
          customAttributes: [
            ...(prop(props, 'customAttributes')?.k === 'obj' ? [...(prop(props, 'customAttributes') as { props: Map<string, Value> }).props.keys()] : []),
            ...(schema?.names ?? []),
          ].sort(),
          schemaOverride: schema?.at,
          mfa: memberName(prop(props, 'mfa')) ?? t(prop(props, 'mfa')),
          triggers,
          domains,
          groups,
          identityProviders,
        }),
        at: ctx.at(rec),
      };
    });
}

export function userPoolClientFacts(ctx: EmitContext): CdkUserPoolClientFact[] {
  return of(ctx.model.recs, 'userPoolClient').map((rec) => {
    const props = rec.props;
    const oauth = prop(props, 'oAuth');
    const pool = prop(props, 'userPool');
    return {
      kind: 'cdk.userPoolClient' as const,
      id: ctx.id(rec),
      data: pick({
        ...ctx.base(rec),
        userPool: pool ? ctx.ref(pool, 'userPool').text : undefined,
        authFlows: enabledKeys(prop(props, 'authFlows')),
        ...(unread(props, 'authFlows') ? { authFlowsUnread: true } : {}),
        ...(unread(props, 'oAuth') ? { oauthUnread: true } : {}),
        generateSecret: t(prop(props, 'generateSecret')),
        oauthFlows: enabledKeys(prop(oauth, 'flows')),
        oauthScopes: items(prop(oauth, 'scopes')).map((s) => memberName(s) ?? textOf(s)),
        callbackUrls: t(prop(oauth, 'callbackUrls')),
        logoutUrls: t(prop(oauth, 'logoutUrls')),
        supportedIdentityProviders: items(prop(props, 'supportedIdentityProviders')).map((s) => memberName(s) ?? textOf(s)),
      }),
      at: ctx.at(rec),
    };
  });
}

export function bucketFacts(ctx: EmitContext): CdkBucketFact[] {
  const deployments = of(ctx.model.recs, 'bucketDeployment');
  return of(ctx.model.recs, 'bucket')
    .filter((r) => !r.imported)
    .map((rec) => {
      const props = rec.props;
      return {
        kind: 'cdk.bucket' as const,
        id: ctx.id(rec),
        data: pick({
          ...ctx.base(rec),
          bucketName: cdkText(prop(props, 'bucketName')),
          websiteIndexDocument: t(prop(props, 'websiteIndexDocument')),
          publicReadAccess: t(prop(props, 'publicReadAccess')),
          versioned: t(prop(props, 'versioned')),
          cors: t(prop(props, 'cors')),
          deployments: deployments
            .filter((d) => ctx.recOf(prop(d.props, 'destinationBucket')) === rec)
            .map((d) => ({ sources: textOf(prop(d.props, 'sources')), at: citationOf(d.node) })),
        }),
        at: ctx.at(rec),
      };
    });
}

export function distributionFacts(ctx: EmitContext): CdkDistributionFact[] {
  return of(ctx.model.recs, 'distribution').filter((r) => !r.imported).map((rec) => {
    const props = rec.props;
    const behaviours: CdkBehaviour[] = [];
    const behaviour = (pattern: string, origin: Value | undefined, opts: Value | undefined, at: Citation) => {
      const functions = [
        ...items(prop(opts, 'functionAssociations')).map((f) => ({ function: ctx.ref(prop(f, 'function')).text, eventType: memberName(prop(f, 'eventType')) })),
        ...items(prop(opts, 'edgeLambdas')).map((f) => ({ function: ctx.ref(prop(f, 'functionVersion'), 'lambda').text, eventType: memberName(prop(f, 'eventType')) })),
        ...items(prop(opts, 'lambdaFunctionAssociations')).map((f) => ({ function: ctx.ref(prop(f, 'lambdaFunction'), 'lambda').text, eventType: memberName(prop(f, 'eventType')) })),
      ].map((f) => pick(f));
      const bucket = bucketIn(ctx, origin);
      behaviours.push(pick({
        pathPattern: pattern,
        origin: textOf(origin),
        bucket,
        viewerProtocolPolicy: memberName(prop(opts, 'viewerProtocolPolicy')),
        cachePolicy: memberName(prop(opts, 'cachePolicy')) ?? t(prop(opts, 'cachePolicy')),
        allowedMethods: memberName(prop(opts, 'allowedMethods')),
        functions,
        at,
      }));
    };
    const def = prop(props, 'defaultBehavior');
    if (def) behaviour('*', prop(def, 'origin'), def, citeValue(def) ?? citationOf(rec.node));
    const extra = prop(props, 'additionalBehaviors');
    if (extra?.k === 'obj') for (const [pattern, b] of extra.props) behaviour(pattern, prop(b, 'origin'), b, citeValue(b) ?? citationOf(rec.node));
    for (const e of rec.extras.get('behaviour') ?? []) behaviour(stringOf(e.values[0]) ?? textOf(e.values[0]), e.values[1], e.values[2], citationOf(e.node));
    for (const config of items(prop(props, 'originConfigs'))) {
      const origin = prop(config, 's3OriginSource') ?? prop(config, 'customOriginSource');
      for (const b of items(prop(config, 'behaviors'))) {
        const isDefault = prop(b, 'isDefaultBehavior');
        behaviour(isDefault?.k === 'bool' && isDefault.v ? '*' : (stringOf(prop(b, 'pathPattern')) ?? textOf(prop(b, 'pathPattern'))), origin, b, citeValue(b) ?? citationOf(rec.node));
      }
    }
    const names = prop(props, 'domainNames') ?? aliasesOf(props);
    return {
      kind: 'cdk.distribution' as const,
      id: ctx.id(rec),
      data: pick({
        ...ctx.base(rec),
        kind: rec.className,
        domainNames: names?.k === 'arr' ? names.items.map((n) => stringOf(n) ?? textOf(n)) : names ? [textOf(names)] : [],
        domainNamesUnread: !names && props?.k === 'obj' && props.open ? true : undefined,
        certificate: t(prop(props, 'certificate') ?? prop(props, 'viewerCertificate')),
        defaultRootObject: t(prop(props, 'defaultRootObject')),
        behaviours,
        errorResponses: t(prop(props, 'errorResponses') ?? prop(props, 'errorConfigurations')),
        priceClass: memberName(prop(props, 'priceClass')),
      }),
      at: ctx.at(rec),
    };
  });
}

function bucketIn(ctx: EmitContext, origin: Value | undefined): string | undefined {
  const candidates = origin?.k === 'ext' ? (origin.args ?? []) : origin?.k === 'obj' ? [prop(origin, 's3BucketSource')] : [origin];
  for (const c of candidates) {
    const rec = ctx.recOf(c, 'bucket');
    if (rec) return ctx.id(rec);
  }
  return undefined;
}

export function edgeFunctionFacts(ctx: EmitContext): CdkEdgeFunctionFact[] {
  return of(ctx.model.recs, 'edgeFunction').map((rec) => {
    const code = prop(rec.props, 'code');
    const args = code?.k === 'ext' ? code.args : undefined;
    const filePath = prop(args?.[0], 'filePath');
    let codeFile: string | undefined;
    if (filePath?.k === 'str') {
      const f = path.posix.normalize(filePath.abs ? filePath.v : path.posix.join(ctx.appDirFor(rec.node.getSourceFile().fileName), filePath.v));
      if (ctx.index.has(f)) codeFile = f;
    }
    const factory = code?.k === 'ext' ? code.path[code.path.length - 1] : undefined;
    return {
      kind: 'cdk.edgeFunction' as const,
      id: ctx.id(rec),
      data: pick({ ...ctx.base(rec), kind: 'cloudfront-function' as const, code: factory === 'fromInline' ? 'inline' : t(code), codeFile }),
      at: ctx.at(rec),
    };
  });
}

/**
 * The custom domains of a `CloudFrontWebDistribution`: `aliasConfiguration: { names }` (v1), or the `aliases` of its
 * `viewerCertificate: ViewerCertificate.fromAcmCertificate(cert, { aliases })` (or `fromCloudFrontDefaultCertificate(...aliases)`).
 */
function aliasesOf(props: Value | undefined): Value | undefined {
  const config = prop(props, 'aliasConfiguration');
  if (config && config.k !== 'undef') return config.k === 'obj' ? prop(config, 'names') : config;
  const cert = prop(props, 'viewerCertificate');
  if (cert?.k !== 'ext' || !cert.args) return undefined;
  const method = cert.path[cert.path.length - 1];
  if (method === 'fromCloudFrontDefaultCertificate') return cert.args.length > 0 ? { k: 'arr', items: [...cert.args], open: false } : undefined;
  return prop(cert.args[1], 'aliases');
}
