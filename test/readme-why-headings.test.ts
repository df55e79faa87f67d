import { describe, expect, it } from 'vitest';
import { isValueHeading, summariseReadme } from '../src/detectors/readme/index.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// The shape of a Turborepo README: a tagline, then `## Why this repo stands out` with bullets.
const readme = (h: string) => `# Shop Monorepo\n\nA commerce platform built as a Turborepo.\n\n## ${h}\n\n- Typed service contracts.\n- Split services.\n\n## Stack\n\n- Hono\n`;

describe('Why / Features headings in English', () => {
  it.each([['Why this repo stands out'], ['Why?'], ['Why use Shop'], ['What makes Shop different'], ['Highlights'], ['Key features'], ['Why teams pick Shop over the rest']])(
    '"%s" is the value section, and step 1 never says the README has none',
    async (h) => {
      expect(isValueHeading(h)).toBe(true);
      const s = summariseReadme('README.md', readme(h));
      expect(s.value?.heading?.text).toBe(h);
      expect(s.value?.bullets).toEqual(['Typed service contracts.', 'Split services.']);
      const md = (await section(overviewStep, tempRepo({ 'README.md': readme(h) }))).markdown;
      expect(md).toContain(`from "${h}"`);
      expect(md).not.toContain('has no "Why"');
    },
  );

  it('a long Why question is a FAQ entry, not the pitch, yet step 1 does not deny the section either', async () => {
    const h = 'Why is this on aws-samples, and not awslabs?';
    expect(summariseReadme('README.md', readme(h)).value?.heading).toBeUndefined();
    const md = (await section(overviewStep, tempRepo({ 'README.md': readme(h) }))).markdown;
    expect(md).not.toContain('has no "Why"');
  });

  it('a README without such a section still gets the sentence', async () => {
    expect(isValueHeading('Stack')).toBe(false);
    const md = (await section(overviewStep, tempRepo({ 'README.md': readme('Architecture') }))).markdown;
    expect(md).toContain('has no "Why"');
  });
});
