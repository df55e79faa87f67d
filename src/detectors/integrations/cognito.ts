import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts } from '../../scan/ts.js';
import { mentions } from '../shared/ast.js';
import { isGenerated } from '../shared/source-scope.js';
import { isTestFile } from '../testing/index.js';
import { packageKind } from '../stack/kind.js';
import type { CognitoUsageData, CognitoUsageFact } from './types.js';

const LIBRARIES: readonly { readonly match: RegExp; readonly side: CognitoUsageData['side'] }[] = [
  { match: /^amazon-cognito-identity-js$/, side: 'frontend' },
  { match: /^aws-amplify(\/.*)?$|^@aws-amplify\//, side: 'frontend' },
  { match: /^react-oidc-context$|^oidc-client(-ts)?$/, side: 'frontend' },
  // Identity pools hand out temporary AWS credentials, to browsers as often as to servers: not an admin API.
  { match: /^@aws-sdk\/client-cognito-identity$/, side: 'identity' },
  { match: /^@aws-sdk\/client-cognito-identity-provider$/, side: 'backend' },
  { match: /^aws-jwt-verify(\/.*)?$/, side: 'backend' },
  { match: /^aws-sdk\/clients\/cognitoidentityserviceprovider$/, side: 'backend' },
];

/** Packages whose code runs only in a browser or on a device: a "backend" library imported there is called client-side. */
const CLIENT_KINDS: ReadonlySet<string> = new Set(['react-spa', 'vue-spa', 'svelte-spa', 'angular', 'react-native']);

/** Cognito Lambda trigger types from `@types/aws-lambda`: a handler file that declares itself a trigger. */
const TRIGGER_TYPE = /^(PreSignUp|PostConfirmation|PreAuthentication|PostAuthentication|PreTokenGeneration(V2)?|CustomMessage|DefineAuthChallenge|CreateAuthChallenge|VerifyAuthChallengeResponse|UserMigration|CustomEmailSender|CustomSMSSender)Trigger(Handler|Event)$/;

/**
 * A quoted module of LIBRARIES, or `aws-lambda` with a trigger type: the imports the detector reports. Most files
 * passing the first filter (`amplify`, `Trigger` anywhere) import none of them and need no parse.
 */
const MODULE_TEXT = /['"](amazon-cognito-identity-js|aws-amplify|@aws-amplify\/|react-oidc-context|oidc-client|@aws-sdk\/client-cognito-identity|aws-jwt-verify|aws-sdk\/clients\/cognitoidentityserviceprovider)/;
const mayImportCognito = (text: string): boolean =>
  MODULE_TEXT.test(text) || (/['"]aws-lambda['"]/.test(text) && /Trigger(Handler|Event)\b/.test(text));

/** Where the code uses Cognito: sign-in in frontends, admin calls and token checks in backends, trigger handlers. */
export const cognitoUsageDetector: Detector = {
  id: 'cognito-usage',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    const facts: CognitoUsageFact[] = [];
    const clientSide = new Map<string, boolean>();
    const inClientPackage = (file: string): boolean => {
      const pkg = index.packageOf(file);
      if (!pkg) return false;
      let known = clientSide.get(pkg.dir);
      if (known === undefined) clientSide.set(pkg.dir, (known = CLIENT_KINDS.has(packageKind(pkg, index)?.id ?? '')));
      return known;
    };
    for (const file of index.files) {
      if (!isSourceFile(file) || isGenerated(index, file) || isTestFile(file)) continue;
      const text = index.read(file);
      if (!mentions(text, ['cognito', 'amplify', 'oidc', 'aws-jwt-verify', 'Trigger']) || !mayImportCognito(text!)) continue;
      const sf = index.parse(file);
      if (!sf) continue;
      for (const statement of sf.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const module = statement.moduleSpecifier.text;
        const symbols = importedNames(statement);
        const lib = LIBRARIES.find((l) => l.match.test(module));
        const triggers = module === 'aws-lambda' ? symbols.filter((s) => TRIGGER_TYPE.test(s)) : [];
        if (!lib && triggers.length === 0) continue;
        const line = lineOf(statement, sf);
        facts.push({
          kind: 'cognito.usage',
          id: `${file} ${module}`,
          data: {
            file,
            line,
            package: index.packageOf(file)?.name ?? '',
            library: module,
            side: !lib ? 'trigger' : lib.side === 'backend' && inClientPackage(file) ? 'frontend' : lib.side,
            symbols: lib ? symbols : triggers,
          },
          at: [{ file, line }],
        });
      }
    }
    return facts;
  },
};

function importedNames(decl: ts.ImportDeclaration): string[] {
  const clause = decl.importClause;
  if (!clause) return [];
  const out: string[] = [];
  if (clause.name) out.push(clause.name.text);
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) out.push(`* as ${named.name.text}`);
  if (named && ts.isNamedImports(named)) for (const el of named.elements) out.push((el.propertyName ?? el.name).text);
  return out;
}
