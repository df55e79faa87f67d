/** A README with more sections than step 1 lists says how many were left out: the rest are not "absent". */
import { describe, expect, it } from 'vitest';
import { overviewStep } from '../src/steps/01-overview.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('README sections in step 1', () => {
  it('lists the first 12 and notes the others with "(+N more)"', async () => {
    const headings = Array.from({ length: 14 }, (_, i) => `## Part ${i + 1}\n\nText ${i + 1}.\n`).join('\n');
    const root = tempRepo({ 'README.md': `# Events\n\nA platform for events.\n\n${headings}`, 'package.json': JSON.stringify({ name: 'events', private: true }) });
    const md = (await section(overviewStep, root)).markdown;
    expect(md).toContain('Part 11 · Part 12 (+2 more) (`/README.md`)');
    expect(md).not.toContain('Part 13');
  });

  it('adds no note when every section is listed', async () => {
    const root = tempRepo({ 'README.md': '# Events\n\nA platform for events.\n\n## Setup\n\nRun it.\n\n## Usage\n\nUse it.\n', 'package.json': JSON.stringify({ name: 'events', private: true }) });
    const md = (await section(overviewStep, root)).markdown;
    expect(md).toMatch(/\*\*README sections:\*\* Setup · Usage \(`\/README\.md`\)/);
  });
});
