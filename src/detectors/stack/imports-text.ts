/**
 * Where the names a file uses come from, read from its import text with regular expressions (step 1 must stay fast,
 * so nothing is parsed): `import { EventBus } from './constructs/event-bus'` makes `EventBus` a project class, not
 * EventBridge's.
 */
import { withoutComments } from '../shared/text-scan.js';

export interface TextImports {
  /** Local name → module, for named and default imports and `const { a } = require('m')`. */
  readonly names: ReadonlyMap<string, string>;
  /** Local name → module, for `import * as ns` and `const ns = require('m')`. */
  readonly namespaces: ReadonlyMap<string, string>;
  /** Local name → the name the module exports, for renamed imports (`import { Table as DynamoTable }`). */
  readonly originals: ReadonlyMap<string, string>;
}

const NAMED = /import\s+(?:type\s+)?(?:([\w$]+)\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;
const DEFAULT = /import\s+([\w$]+)\s+from\s*['"]([^'"]+)['"]/g;
const NAMESPACE = /import\s+\*\s+as\s+([\w$]+)\s+from\s*['"]([^'"]+)['"]/g;
const REQUIRE = /(?:const|let|var)\s+([\w$]+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g;
const REQUIRE_NAMED = /(?:const|let|var)\s+\{([^}]*)\}\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g;
const IMPORT_EQUALS = /import\s+([\w$]+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function textImports(source: string): TextImports {
  // A commented-out import (`// import { Bucket } from 'aws-cdk-lib/aws-s3'`) binds nothing.
  const text = withoutComments(source);
  const names = new Map<string, string>();
  const namespaces = new Map<string, string>();
  const originals = new Map<string, string>();
  const bind = (list: string, module: string, separator: RegExp) => {
    for (const part of list.split(',')) {
      const [imported, local] = part.replace(/^\s*type\s+/, '').split(separator).map((s) => s.trim());
      if (imported) names.set(local || imported, module);
      if (imported && local && local !== imported) originals.set(local, imported);
    }
  };
  for (const m of text.matchAll(NAMED)) {
    if (m[1]) names.set(m[1], m[3]);
    bind(m[2], m[3], /\s+as\s+/);
  }
  for (const m of text.matchAll(DEFAULT)) names.set(m[1], m[2]);
  for (const m of text.matchAll(NAMESPACE)) namespaces.set(m[1], m[2]);
  for (const m of text.matchAll(REQUIRE)) namespaces.set(m[1], m[2]);
  for (const m of text.matchAll(IMPORT_EQUALS)) namespaces.set(m[1], m[2]);
  for (const m of text.matchAll(REQUIRE_NAMED)) bind(m[1], m[2], /\s*:\s*/);
  return { names, namespaces, originals };
}

/**
 * The module a `new prefix.Name(` expression's class comes from: the namespace the prefix starts with, or the module
 * `Name` is imported from; undefined when the file does not import it (a class it declares itself).
 */
export function moduleOfNew(imports: TextImports, prefix: string, name: string): string | undefined {
  if (prefix === '') return imports.names.get(name);
  const root = prefix.split('.')[0];
  const module = imports.namespaces.get(root) ?? imports.names.get(root);
  // `cdk.aws_events.EventBus`: the root namespace `aws-cdk-lib` and a service path.
  const service = /^aws_([\w]+)$/.exec(prefix.split('.')[1] ?? '')?.[1];
  return module && service && (module === 'aws-cdk-lib' || module === 'monocdk') ? `${module}/aws-${service.replace(/_/g, '-')}` : module;
}

/** `aws-cdk-lib`, `aws-cdk-lib/aws-events`, `@aws-cdk/aws-events`, `monocdk`: the AWS CDK itself. */
export function isCdkModule(module: string | undefined): boolean {
  return module !== undefined && /^(aws-cdk-lib|monocdk)(\/|$)|^@aws-cdk\//.test(module);
}
