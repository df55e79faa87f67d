import { describe, expect, it } from 'vitest';
import { troubleshootingDetector, type TroubleshootingData } from '../src/detectors/troubleshooting/index.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('root-level markdown docs are docs', () => {
  // The shape of nextjs-nestjs-prisma-docker: `_INSTALLATION_MAX.md` at the root with a `#### Troubleshooting`.
  it('finds their Troubleshooting section: step 9 never says the docs have none', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true }),
      '_INSTALLATION_MAX.md': ['#### Installation', '', 'Run `npm i`.', '', '#### Troubleshooting', '', '##### API Stuck', '', 'Change the typescript version.', ''].join('\n'),
      'LICENSE.md': ['# License', '', '## FAQ', '', 'Can I use it?', ''].join('\n'),
    });
    const docs = (await detect(troubleshootingDetector, root)).map((f) => f.data as TroubleshootingData);
    // A license's questions are not the team's troubleshooting.
    expect(docs.map((d) => [d.file, d.heading, d.line, d.entries.map((e) => [e.text, e.line])])).toEqual([['_INSTALLATION_MAX.md', 'Troubleshooting', 5, [['API Stuck', 7]]]]);
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('no troubleshooting or FAQ section');
    expect(md).toContain('**Troubleshooting** — `/_INSTALLATION_MAX.md:5`');
  });
});
