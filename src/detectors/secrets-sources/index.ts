import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, importsOf, lastName, mentions, property, staticString } from '../shared/ast.js';
import { isGenerated } from '../shared/source-scope.js';
import { clip } from '../../secrets/clip.js';
import { sstSecrets } from './sst.js';

/** Where a secret or parameter comes from. Names and locations only; values are never read. */
export interface SecretSourceData {
  readonly provider: 'ssm' | 'secrets-manager' | 'sst' | 'plaintext';
  /**
   * `read` at run time, `write` a new value of an existing one (`PutSecretValue`, `UpdateSecret`, `PutParameter`),
   * `define` a new parameter/secret (`new Secret`, `CreateSecret`), `reference` an existing one from infrastructure code.
   */
  readonly action: 'read' | 'write' | 'define' | 'reference';
  /** Parameter name / secret id as written (resolved when static); empty for plaintext warnings. */
  readonly name: string;
  readonly resolved: boolean;
  /** The API used: `GetParameterCommand`, `StringParameter.valueForStringParameter`, `SecretValue.unsafePlainText`… */
  readonly via: string;
  readonly file: string;
  readonly line: number;
  readonly package: string;
}
export type SecretSourceFact = Fact<'secrets.source', SecretSourceData>;

type Provider = SecretSourceData['provider'];
type Action = SecretSourceData['action'];

/**
 * AWS SDK v3 commands: class → [provider, the prop holding the name, what the call does]. Putting a value writes a
 * new version of a secret (or a parameter's value) and defines nothing; only `CreateSecret` makes a new secret.
 */
const COMMANDS: Readonly<Record<string, [Provider, string, Action]>> = {
  GetParameterCommand: ['ssm', 'Name', 'read'],
  GetParametersCommand: ['ssm', 'Names', 'read'],
  GetParametersByPathCommand: ['ssm', 'Path', 'read'],
  PutParameterCommand: ['ssm', 'Name', 'write'],
  GetSecretValueCommand: ['secrets-manager', 'SecretId', 'read'],
  BatchGetSecretValueCommand: ['secrets-manager', 'SecretIdList', 'read'],
  PutSecretValueCommand: ['secrets-manager', 'SecretId', 'write'],
  UpdateSecretCommand: ['secrets-manager', 'SecretId', 'write'],
  CreateSecretCommand: ['secrets-manager', 'Name', 'define'],
};
/** AWS SDK v2 methods with the same props. */
const V2: Readonly<Record<string, [Provider, string]>> = {
  getParameter: ['ssm', 'Name'],
  getParameters: ['ssm', 'Names'],
  getParametersByPath: ['ssm', 'Path'],
  getSecretValue: ['secrets-manager', 'SecretId'],
};
/** CDK static methods: `Class.method` → [provider, action, index of the name argument or prop name]. */
const CDK: Readonly<Record<string, [Provider, Action, number | string]>> = {
  'StringParameter.valueForStringParameter': ['ssm', 'reference', 1],
  'StringParameter.valueForTypedStringParameterV2': ['ssm', 'reference', 1],
  'StringParameter.valueForSecureStringParameter': ['ssm', 'reference', 1],
  'StringParameter.valueFromLookup': ['ssm', 'reference', 1],
  'StringParameter.fromStringParameterName': ['ssm', 'reference', 2],
  'StringParameter.fromSecureStringParameterAttributes': ['ssm', 'reference', 'parameterName'],
  'StringParameter.fromStringParameterAttributes': ['ssm', 'reference', 'parameterName'],
  'StringListParameter.fromStringListParameterName': ['ssm', 'reference', 2],
  'Secret.fromSecretNameV2': ['secrets-manager', 'reference', 2],
  'Secret.fromSecretCompleteArn': ['secrets-manager', 'reference', 2],
  'Secret.fromSecretPartialArn': ['secrets-manager', 'reference', 2],
  'Secret.fromSecretAttributes': ['secrets-manager', 'reference', 'secretCompleteArn'],
  'Secret.fromSsmParameter': ['ssm', 'reference', 0],
  'Secret.fromSecretsManager': ['secrets-manager', 'reference', 0],
  'SecretValue.secretsManager': ['secrets-manager', 'reference', 0],
  'SecretValue.ssmSecure': ['ssm', 'reference', 0],
  'SecretValue.unsafePlainText': ['plaintext', 'define', -1],
  'SecretValue.plainText': ['plaintext', 'define', -1],
};

const NEEDLES = ['Parameter', 'parameter', 'Secret', 'secret'];
/**
 * Words one of which a file must hold for `sourcesIn` to find anything: the command classes, v2 methods and CDK methods
 * above, the modules `new StringParameter`/`new Secret` must come from, and the Powertools and middy modules. Most
 * files that say "secret" and "aws-cdk" (every CDK stack) name none of them and need no parse.
 */
const CALL_NEEDLES = [
  ...Object.keys(COMMANDS),
  ...Object.keys(V2),
  ...Object.keys(CDK).map((key) => key.slice(key.indexOf('.') + 1)),
  'aws-ssm',
  'aws-secretsmanager',
  'powertools/parameters',
  '@middy/ssm',
  '@middy/secrets-manager',
];

/** Parameter Store and Secrets Manager reads in Lambda code and references/definitions in CDK code; SST secrets. */
export const secretsSourcesDetector: Detector = {
  id: 'secrets-sources',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    const facts: SecretSourceFact[] = [];
    for (const file of index.files) {
      if (!isSourceFile(file) || isGenerated(index, file)) continue;
      const text = index.read(file);
      if (!mentions(text, NEEDLES) || !mentions(text, ['ssm', 'secrets-manager', 'secretsmanager', 'SSM', 'SecretsManager', 'aws-cdk', 'powertools', '@middy'])) continue;
      if (!mentions(text, CALL_NEEDLES)) continue;
      const sf = index.parse(file);
      if (sf) facts.push(...sourcesIn(index, file, sf));
    }
    facts.push(...sstSecrets(index, (file) => isGenerated(index, file)));
    return facts;
  },
};

function sourcesIn(index: RepoIndex, file: string, sf: ts.SourceFile): SecretSourceFact[] {
  const out: SecretSourceFact[] = [];
  const constants = constantsOf(sf);
  const imports = importsOf(sf);
  const pkg = index.packageOf(file)?.name ?? '';
  const add = (provider: Provider, action: Action, expr: ts.Expression | undefined, via: string, node: ts.Node) => {
    const names = expr && ts.isArrayLiteralExpression(expr) ? [...expr.elements] : [expr];
    for (const e of names) {
      const s = e ? staticString(e, constants) : undefined;
      const name = provider === 'plaintext' ? '' : s ? s.text : e ? clip(e.getText(sf), 80) : '';
      const line = lineOf(node, sf);
      out.push({ kind: 'secrets.source', id: `${file}:${line}:${name}`, data: { provider, action, name, resolved: !!s?.resolved, via, file, line, package: pkg }, at: [{ file, line }] });
    }
  };
  walk(sf, (node) => {
    if (ts.isNewExpression(node)) {
      const cls = lastName(node.expression);
      const arg = node.arguments?.[0];
      if (cls && COMMANDS[cls]) add(COMMANDS[cls][0], COMMANDS[cls][2], property(arg, COMMANDS[cls][1]), cls, node);
      const module = cls ? imports.get(ts.isIdentifier(node.expression) ? node.expression.text : (node.expression.getText(sf).split('.')[0] ?? ''))?.module ?? '' : '';
      if (cls === 'StringParameter' && /aws-ssm/.test(module)) add('ssm', 'define', property(node.arguments?.[2], 'parameterName') ?? node.arguments?.[1], 'new StringParameter', node);
      if (cls === 'Secret' && /aws-secretsmanager/.test(module)) add('secrets-manager', 'define', property(node.arguments?.[2], 'secretName') ?? node.arguments?.[1], 'new Secret', node);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = lastName(callee);
      if (!name) return;
      if (ts.isPropertyAccessExpression(callee)) {
        const owner = lastName(callee.expression);
        const cdk = owner ? CDK[`${owner}.${name}`] : undefined;
        if (cdk) {
          const [provider, action, where] = cdk;
          const expr = typeof where === 'number' ? node.arguments[where] : property(node.arguments[2], where);
          add(provider, action, expr, `${owner}.${name}`, node);
          return;
        }
        if (V2[name] && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
          add(V2[name][0], 'read', property(node.arguments[0], V2[name][1]), name, node);
          return;
        }
        // `ssm.getParametersByPath(query)`: the request is built beforehand. On a receiver named like the service,
        // read the name from the variable's object literal when it has one.
        const arg = node.arguments[0];
        if (V2[name] && arg && ts.isIdentifier(arg) && /ssm|secret/i.test(callee.expression.getText(sf))) {
          const literal = objectLiteralOf(sf, arg.text);
          add(V2[name][0], 'read', literal ? property(literal, V2[name][1]) : arg, name, node);
          return;
        }
      }
      if (ts.isIdentifier(callee)) {
        const module = imports.get(callee.text)?.module ?? '';
        const imported = imports.get(callee.text)?.imported ?? '';
        if (/powertools\/parameters/.test(module) && /^get(Parameters?|Secret|AppConfig)$/.test(imported)) {
          add(imported === 'getSecret' ? 'secrets-manager' : 'ssm', 'read', node.arguments[0], `Powertools ${imported}`, node);
        } else if (/^@middy\/(ssm|secrets-manager)$/.test(module)) {
          const fetchData = property(node.arguments[0], 'fetchData');
          if (fetchData && ts.isObjectLiteralExpression(fetchData)) {
            for (const p of fetchData.properties) if (ts.isPropertyAssignment(p)) add(module.endsWith('ssm') ? 'ssm' : 'secrets-manager', 'read', p.initializer, module, p);
          }
        }
      }
    }
  });
  return out;
}

/** The object literal a top-level or local `const name = { … }` holds, for a request built before the call. */
function objectLiteralOf(sf: ts.SourceFile, name: string): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  walk(sf, (node) => {
    if (!found && ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      found = node.initializer;
    }
  });
  return found;
}
