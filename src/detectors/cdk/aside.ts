/**
 * Scripts apart from the deployed CDK app, by text alone (step 1 reads this too, and parses nothing): a file in a
 * docs, examples, tests or benchmarks folder that creates its own `App` is another app (an archived v1 app, an
 * example), not code of the app cdk.json deploys.
 */
import { AUX_DIR } from '../stack/role.js';

const DOCS_DIR = /^(docs?|documentation)$/i;

/** A file in a docs, examples, tests or benchmarks folder. */
export function isAsideScript(file: string): boolean {
  return file.split('/').slice(0, -1).some((d) => AUX_DIR.test(d) || DOCS_DIR.test(d));
}

/** The text creates an App (`new cdk.App(`, `class MyApp extends cdk.App`): a rough test, for files already known to use the CDK. */
export function createsAppText(text: string): boolean {
  return /\bnew\s+(?:[\w$]+\.)*App\s*\(|\bclass\s+[\w$]+\s+extends\s+(?:[\w$]+\.)*App\b(?![\w$.])/.test(text);
}

/** A script apart from the deployed app: in an aside folder, creating an App of its own. */
export function isOtherAppText(file: string, text: string): boolean {
  return isAsideScript(file) && createsAppText(text);
}
