import { describe, expect, it } from 'vitest';
import { envDetector } from '../src/detectors/env/index.js';
import { buildIndex, type TreeMemo } from '../src/scan/repo-index.js';
import { ts } from '../src/scan/ts.js';
import { Analyzer } from '../src/wizard/analyzer.js';
import { EXAMPLE } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const FILES = {
  'src/handler.ts': "export const table = process.env.TABLE_NAME ?? 'dev';\n",
  'src/plain.ts': 'export const answer = 42;\n',
};

/** Counts calls, and the identifiers of the tree it was given. */
function countingMemo() {
  const calls: string[] = [];
  const memo: TreeMemo<string[]> = {
    namespace: 'test.identifiers@1',
    wants: (_file, text) => text.includes('process.env'),
    compute(tree) {
      calls.push(tree.fileName);
      const names: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) names.push(node.text);
        ts.forEachChild(node, visit);
      };
      visit(tree);
      return names;
    },
  };
  return { memo, calls };
}

describe('tree memos and released trees', () => {
  it('computes a declared memo when anything parses a file it wants, once, and serves it after the tree is gone', async () => {
    const index = await buildIndex(tempRepo(FILES));
    const { memo, calls } = countingMemo();
    index.watchTrees([memo]);
    const tree = index.parse('src/handler.ts');
    index.parse('src/plain.ts');
    expect(calls).toEqual(['src/handler.ts']); // computed from the first parse; plain.ts is not wanted
    index.releaseTrees();
    expect(index.treeMemo(memo, 'src/handler.ts')).toEqual(['table', 'process', 'env', 'TABLE_NAME']);
    expect(calls).toHaveLength(1);
    // The tree was dropped: a new parse gives a new tree (and does not compute the memo again).
    const again = index.parse('src/handler.ts');
    expect(again).not.toBe(tree);
    expect(again?.getText()).toBe(tree?.getText());
    expect(calls).toHaveLength(1);
  });

  it('parseOnce: a tree that is not kept (its memos computed), or the kept one when there is one', async () => {
    const index = await buildIndex(tempRepo(FILES));
    const { memo, calls } = countingMemo();
    index.watchTrees([memo]);
    const once = index.parseOnce('src/handler.ts');
    expect(once?.statements).toHaveLength(1);
    expect(calls).toEqual(['src/handler.ts']);
    expect(index.parseOnce('src/handler.ts')).not.toBe(once); // not kept: parsed again
    expect(calls).toHaveLength(1); // but its memo is not computed again
    const kept = index.parse('src/handler.ts');
    expect(index.parseOnce('src/handler.ts')).toBe(kept);
    expect(index.parseOnce('README.md')).toBeUndefined();
  });

  it('computes once when the memo itself triggers the parse', async () => {
    const index = await buildIndex(tempRepo(FILES));
    const { memo, calls } = countingMemo();
    index.watchTrees([memo]);
    expect(index.treeMemo(memo, 'src/handler.ts')).toContain('TABLE_NAME');
    expect(calls).toHaveLength(1);
    expect(index.treeMemo(memo, 'README.md')).toBeNull();
  });

  it('the env detector finds the same reads whether or not another step parsed the files first', async () => {
    const root = tempRepo(FILES);
    const fresh = await buildIndex(root);
    const direct = envDetector.detect(fresh);
    const early = await buildIndex(root);
    early.watchTrees(envDetector.treeMemos ?? []);
    early.parse('src/handler.ts');
    early.releaseTrees();
    const parsed: string[] = [];
    const parse = early.parse.bind(early);
    early.parse = (file) => (parsed.push(file), parse(file));
    expect(envDetector.detect(early)).toEqual(direct);
    expect(parsed).toEqual([]);
    expect(direct.map((f) => f.id)).toContain('TABLE_NAME src/handler.ts');
  });

  it('the env detector follows helper calls in files an earlier step parsed without parsing them again', async () => {
    const root = tempRepo({
      'src/env.ts': 'export function getEnv(name: string, fallback?: string) {\n  return process.env[name] ?? fallback;\n}\n',
      'src/queue.ts': "import { getEnv } from './env';\nexport const url = getEnv('QUEUE_URL');\nexport const region = getEnv('QUEUE_REGION', 'eu-west-1');\n",
    });
    const direct = envDetector.detect(await buildIndex(root));
    const early = await buildIndex(root);
    early.watchTrees(envDetector.treeMemos ?? []);
    early.parse('src/env.ts');
    early.parse('src/queue.ts');
    early.releaseTrees();
    const parsed: string[] = [];
    const parse = early.parse.bind(early);
    const parseOnce = early.parseOnce.bind(early);
    early.parse = (file) => (parsed.push(file), parse(file));
    early.parseOnce = (file) => (parsed.push(file), parseOnce(file));
    expect(envDetector.detect(early)).toEqual(direct);
    expect(parsed).toEqual([]);
    const helperReads = direct.filter((f) => f.kind === 'env.read' && (f.data as { via: string }).via === 'helper');
    expect(helperReads.map((f) => [f.id, (f.data as { hasFallback: boolean }).hasFallback])).toEqual([
      ['QUEUE_REGION src/queue.ts helper', true],
      ['QUEUE_URL src/queue.ts helper', false],
    ]);
  });

  it('an analysis keeps no parse tree between steps, and its sections match one that never drops them', async () => {
    const analyzer = await Analyzer.open(EXAMPLE, {});
    const index = analyzer.repoIndex as unknown as { cache: Map<string, { tree?: unknown }> };
    const sections: string[] = [];
    for (let step = 1; step <= 10; step++) {
      sections.push((await analyzer.section(step)).markdown);
      expect([...index.cache.values()].filter((e) => e.tree !== undefined)).toHaveLength(0);
    }
    const keeping = await Analyzer.open(EXAMPLE, {});
    (keeping.repoIndex as unknown as { releaseTrees(): void }).releaseTrees = () => undefined;
    for (let step = 1; step <= 10; step++) expect((await keeping.section(step)).markdown).toBe(sections[step - 1]);
  });
});
