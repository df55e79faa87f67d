/**
 * CI defined in CDK code: a CDK Pipelines `CodePipeline` with its `ShellStep`/`CodeBuildStep` synth step, a CodeBuild
 * `Project` or a CodePipeline `Pipeline` constructed in TypeScript/JavaScript. No CI file exists for these, so without
 * this the map would say "No CI configuration found" of a repository whose pipeline is in `lib/pipeline-stack.ts`.
 * Text scan only (imports, then `new X(`), memoised per file; the analysed code is never run.
 */
import type { RepoIndex } from '../../scan/repo-index.js';

export interface CdkPipelineUse {
  readonly file: string;
  readonly line: number;
  /** The construct's own name (`CodePipeline`, `CodeBuildStep`), whatever it was imported as. */
  readonly construct: string;
  /** Literal strings of the step's own `commands: [...]` (not those of a nested BuildSpec). */
  readonly commands: readonly string[];
}

const SOURCE = /\.[cm]?[jt]s$/;
const MODULE = /['"](?:aws-cdk-lib\/(pipelines|aws-codebuild|aws-codepipeline)|@aws-cdk\/(pipelines|aws-codebuild|aws-codepipeline))['"]/;
/** Constructs that are CI, per module they come from. */
const CONSTRUCTS: Record<string, readonly string[]> = {
  pipelines: ['CodePipeline', 'CodeBuildStep', 'ShellStep'],
  'aws-codebuild': ['Project', 'PipelineProject'],
  'aws-codepipeline': ['Pipeline'],
};

export function cdkPipelines(index: RepoIndex): CdkPipelineUse[] {
  return index.files
    .filter((f) => SOURCE.test(f) && !f.endsWith('.d.ts') && !/(^|\/)(node_modules|cdk\.out)\//.test(f))
    .flatMap((file) => index.memo('cdk-pipelines@1', file, (text) => (MODULE.test(text) ? usesIn(file, text) : [])) ?? []);
}

function usesIn(file: string, text: string): CdkPipelineUse[] {
  const local = new Map<string, string>(); // name used in code → construct
  const IMPORT = /import\s*(?:\{([^}]*)\}|\*\s+as\s+(\w+))\s*from\s*['"](?:aws-cdk-lib\/|@aws-cdk\/)(pipelines|aws-codebuild|aws-codepipeline)['"]/g;
  for (const m of text.matchAll(IMPORT)) {
    const known = CONSTRUCTS[m[3]];
    if (m[2]) for (const c of known) local.set(`${m[2]}.${c}`, c);
    for (const part of (m[1] ?? '').split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (known.includes(name)) local.set(alias ?? name, name);
    }
  }
  if (local.size === 0) return [];
  const out: CdkPipelineUse[] = [];
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const lineOf = (at: number) => lineStarts.filter((s) => s <= at).length;
  for (const m of text.matchAll(/\bnew\s+([\w$]+(?:\.[\w$]+)?)\s*\(/g)) {
    const construct = local.get(m[1]);
    if (!construct) continue;
    out.push({ file, line: lineOf(m.index), construct, commands: ownCommands(text, m.index + m[0].length) });
  }
  return out;
}

/** The `commands: [...]` of the call's options object itself (depth 1), as literal strings. */
function ownCommands(text: string, start: number): string[] {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return [];
      i = end;
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (depth === 0) return [];
      depth--;
    } else if (depth === 1 && text.startsWith('commands', i) && /^commands\s*:\s*\[/.test(text.slice(i, i + 40))) {
      const open = text.indexOf('[', i);
      const close = text.indexOf(']', open);
      if (close === -1) return [];
      return [...text.slice(open, close).matchAll(/(['"`])((?:(?!\1)[^\\\n])*)\1/g)].map((s) => s[2]);
    }
  }
  return [];
}
