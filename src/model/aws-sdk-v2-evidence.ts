/**
 * `aws-sdk` (v2) is one package for every AWS service: a dependency on it says nothing about a database or a secret
 * store. What the code constructs does (`new AWS.DynamoDB.DocumentClient()`, `aws-sdk/clients/secretsmanager`), so
 * that is the evidence, cited at the line. When no readable file imports `aws-sdk` at all (the clients are built
 * somewhere this index cannot read), the dependency stays the evidence: absence is never concluded from it.
 */
import type { Citation } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';

const CODE = /\.[cm]?[jt]sx?$/;
const IMPORTS_V2 = /(?:from\s*|require\(\s*)['"]aws-sdk(?:\/clients\/[\w-]+)?['"]/;

export const AWS_V2_DATABASE = /\bnew\s+(?:[\w$]+\.)?(?:DynamoDB|DynamoDB\.DocumentClient|DocumentClient|RDSDataService|TimestreamWrite|TimestreamQuery)\s*\(|['"]aws-sdk\/clients\/(?:dynamodb|rdsdataservice|timestream[\w-]*)['"]|\bDynamoDB\.DocumentClient\b/;
export const AWS_V2_SECRETS = /\bnew\s+(?:[\w$]+\.)?(?:SecretsManager|SSM)\s*\(|['"]aws-sdk\/clients\/(?:secretsmanager|ssm)['"]/;

/** Evidence for a topic from `aws-sdk`: the constructing lines matching `clients`, else the dependency if unread. */
export function awsSdkV2Evidence(index: RepoIndex, clients: RegExp, what: string): { what: string; at: Citation }[] {
  const declaring = index.packages.filter((p) => 'aws-sdk' in { ...p.manifest.dependencies, ...p.manifest.devDependencies });
  if (declaring.length === 0) return [];
  const out: { what: string; at: Citation }[] = [];
  let importers = 0;
  for (const file of index.files) {
    if (!CODE.test(file)) continue;
    const text = index.read(file);
    if (!text || !text.includes('aws-sdk') || !IMPORTS_V2.test(text)) continue;
    importers++;
    const m = clients.exec(text);
    if (m) out.push({ what: `${what} (aws-sdk: ${m[0].replace(/^new\s+|\s*\($|['"]/g, '')})`, at: { file, line: index.lineAt(file, m.index) } });
    if (out.length >= 5) break;
  }
  if (importers > 0) return out;
  return declaring.map((p) => ({ what: `${what} aws-sdk in ${p.name}`, at: { file: p.manifestPath } }));
}
