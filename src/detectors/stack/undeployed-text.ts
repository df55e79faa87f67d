/**
 * Step 1 counts what CDK code creates by reading its text; a stack class the CDK app never instantiates (left in the
 * code, only created in a comment) creates nothing that is deployed, so its text is blanked before counting.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { undeployedStackClasses } from '../cdk/index.js';
import { withoutComments } from '../shared/text-scan.js';

/** The text with the stack classes the CDK app never instantiates blanked out (lengths and line breaks kept). */
export function withoutUndeployed(index: RepoIndex, file: string, text: string): string {
  // Knowing what the app deploys means reading the whole CDK app, which step 1 should not wait for: only a stack class
  // this file declares that no CDK file creates by name (`new ApiStackV2(` outside comments) can be one it never
  // instantiates, so only then is the app read.
  const declared = [...text.matchAll(STACK_CLASS)].map((m) => m[1]);
  if (declared.length === 0 || declared.every((name) => createdFrom(index, name, file))) return text;
  const spans = undeployedStackClasses(index).filter((s) => s.file === file);
  if (spans.length === 0) return text;
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + out.slice(start, end).replace(/[^\n]/g, ' ') + out.slice(end);
  return out;
}

const STACK_CLASS = /\bclass\s+([A-Za-z_$][\w$]*)\s+extends\s+(?:[\w$]+\.)?(?:Stack|NestedStack|Stage)\b/g;
const creators = new WeakMap<RepoIndex, Map<string, string[]>>();

/**
 * Whether a CDK source file creates `name` (`new X(` outside comments) as the class `file` declares: in that file, or
 * in one that imports a module named like it (`./stacks/AuthStack` for `AuthStack.ts`; a class of the same name in
 * `AuthStackV2.ts` is another class).
 */
function createdFrom(index: RepoIndex, name: string, file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
  const stem = base === 'index' ? file.split('/').slice(-2, -1)[0] ?? base : base;
  const imports = new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*)['"][^'"]*\\b${stem.replace(/[$]/g, '\\$')}(?:\\.[cm]?[jt]sx?)?['"]`);
  return (creatorsOf(index).get(name) ?? []).some((c) => c === file || imports.test(index.read(c) ?? ''));
}

/** Class name → the CDK source files that create it (`new X(`), comments left out; once per index. */
function creatorsOf(index: RepoIndex): Map<string, string[]> {
  let out = creators.get(index);
  if (out) return out;
  out = new Map();
  for (const f of index.files) {
    if (!/\.[cm]?[jt]sx?$/.test(f)) continue;
    const text = index.read(f);
    if (!text || !(text.includes('aws-cdk') || text.includes('constructs')) || !text.includes('new ')) continue;
    for (const m of withoutComments(text).matchAll(/\bnew\s+([A-Za-z_$][\w$]*)\s*[(<]/g)) {
      const list = out.get(m[1]);
      if (!list) out.set(m[1], [f]);
      else if (!list.includes(f)) list.push(f);
    }
  }
  creators.set(index, out);
  return out;
}
