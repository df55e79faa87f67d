import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from '../src/cli/help.js';
import { PROJECT_ROOT } from './helpers/fixture.js';

/** Every `PROJECT_CONTEXT_*` variable the code reads. */
function variablesRead(): string[] {
  const found = new Set<string>();
  for (const dir of ['src', 'state']) {
    for (const rel of readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(rel)) continue;
      for (const m of readFileSync(path.join(PROJECT_ROOT, dir, rel), 'utf8').matchAll(/PROJECT_CONTEXT_[A-Z_]+/g)) found.add(m[0]);
    }
  }
  return [...found].sort();
}

describe('--help', () => {
  it('fits an 120-column terminal', () => {
    expect(helpText('1.0.0').split('\n').filter((l) => l.length > 120)).toEqual([]);
  });

  it('names every environment variable a user may set; the README names the rest (bench and test hooks)', () => {
    const help = helpText('1.0.0');
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const variables = variablesRead();
    expect(variables).toContain('PROJECT_CONTEXT_CODE_CACHE');
    for (const v of ['PROJECT_CONTEXT_CONFIG_DIR', 'PROJECT_CONTEXT_CODE_CACHE']) expect(help).toContain(v);
    expect(variables.filter((v) => !help.includes(v) && !readme.includes(v))).toEqual([]);
  });
});
