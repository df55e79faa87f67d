import { describe, expect, it, vi } from 'vitest';
import { FileCache } from '../src/scan/file-cache.js';
import { Analyzer } from '../src/wizard/analyzer.js';
import { EXAMPLE } from './helpers/fixture.js';

describe('Analyzer.open options: when the per-file cache is saved', () => {
  it('saves after each step by default (an interactive run may end between steps)', async () => {
    const cache = FileCache.memory();
    const save = vi.spyOn(cache, 'save');
    const analyzer = await Analyzer.open(EXAMPLE, {}, { cache });
    await analyzer.section(1);
    await analyzer.section(2);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('with saveEachStep: false saves only when asked, once, at the end of a --yes run', async () => {
    const cache = FileCache.memory();
    const save = vi.spyOn(cache, 'save');
    const analyzer = await Analyzer.open(EXAMPLE, {}, { cache, saveEachStep: false });
    await analyzer.section(1);
    await analyzer.section(2);
    expect(save).not.toHaveBeenCalled();
    analyzer.saveCache();
    expect(save).toHaveBeenCalledTimes(1);
  });
});
