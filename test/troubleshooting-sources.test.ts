/**
 * Step 9's Troubleshooting comes from engineering docs: not a website's own FAQ page (astro-monorepo's
 * apps/dbs/src/pages/en/libraries/faq.md), and a "FAQ — decisions already made" of a project brief (fullstack-monorepo's
 * docs/projects/NN-*.md) is named as design decisions, not listed as problems (r25).
 */
import { describe, expect, it } from 'vitest';
import { troubleshootingDetector, type TroubleshootingData } from '../src/detectors/troubleshooting/index.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('troubleshooting sources', () => {
  it("leaves out a site's pages and content, keeps a docs site's and the README's", async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'apps/site/package.json': JSON.stringify({ name: 'site', private: true, dependencies: { astro: '4.0.0' } }),
      'apps/site/src/pages/en/libraries/faq.md': '# FAQ\n\n## What is a Micro SD library?\n\nA card.\n',
      'apps/site/src/content/blog/faq.md': '# FAQ\n\n## How do I order?\n\nAsk.\n',
      'apps/site/src/content/docs/troubleshooting.md': '# Troubleshooting\n\n## Build fails?\n\nClear the cache.\n',
      'README.md': '# Repo\n\n## Troubleshooting\n\n### Port 4321 in use\n\nStop the other server.\n',
    });
    const files = (await detect(troubleshootingDetector, root)).map((f) => (f.data as TroubleshootingData).file).sort();
    expect(files).toEqual(['README.md', 'apps/site/src/content/docs/troubleshooting.md']);
  });

  it('names a FAQ of decisions already made as such, and lists only the problems', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'docs/projects/01-job-portal.md': '# Job Portal\n\n## FAQ — decisions already made\n\n### Can a candidate apply twice?\n\nNo.\n',
      'docs/projects/README.md': '# Projects\n\n## Troubleshooting setup\n\n### Docker will not start?\n\nStart Docker Desktop.\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    const part = md.slice(md.indexOf('### Troubleshooting'));
    expect(part).toContain('**Troubleshooting setup** — `/docs/projects/README.md:3`');
    expect(part).not.toContain('**FAQ — decisions already made**');
    expect(part).toContain('FAQ sections that record design decisions rather than problems: `/docs/projects/01-job-portal.md:3`.');
  });
});
