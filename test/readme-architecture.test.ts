import { describe, expect, it } from 'vitest';
import { overviewStep } from '../src/steps/01-overview.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

function readme(...headings: string[]): string {
  return ['# App', '', 'An app.', '', ...headings.flatMap((h) => [`## ${h}`, '', 'Text.', ''])].join('\n');
}

async function sentence(...headings: string[]): Promise<string | undefined> {
  // The sentence follows the components diagram, so the repo needs a component (an Express server).
  const root = tempRepo({
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { express: '^4.0.0' } }),
    'app.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
    'README.md': readme(...headings),
  });
  const md = (await section(overviewStep, root)).markdown;
  return /The README describes the architecture too: .*/.exec(md)?.[0];
}

describe('the README architecture section', () => {
  it('does not take "Design Resources" (a list of links) for the architecture; prefers Project Structure', async () => {
    expect(await sentence('Features', 'Project Structure', 'Recommended Design Resources')).toBe(
      'The README describes the architecture too: "Project Structure" (`/README.md:9`).',
    );
    expect(await sentence('Features', 'Design Inspiration')).toBeUndefined();
  });

  it('takes Architecture first, and "Design" only as a whole heading', async () => {
    expect(await sentence('Project Structure', 'Architecture')).toContain('"Architecture"');
    expect(await sentence('Usage', 'System design')).toContain('"System design"');
  });
});
