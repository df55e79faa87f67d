import { describe, expect, it } from 'vitest';
import { summariseReadme } from '../src/detectors/readme/index.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('an untitled README that opens with a section heading', () => {
  // The shape of a Turborepo starter's README (nextjs-nestjs-prisma-docker): a logo, then `## What's inside?`.
  const md = [
    '<p align="center">',
    '<img src="https://example.com/logo.png" alt="logo" width="200"/>',
    '</p>',
    '',
    "## What's inside?",
    '',
    'This turborepo uses [Yarn](https://classic.yarnpkg.com/) as a package manager. It includes the following packages/apps:',
    '',
    '### Apps and Packages',
    '',
    '- `api`: an API for managing users and products.',
    '- `webapp`: the shop front.',
    '',
    '## Getting started',
    '',
    'Run it.',
    '',
  ].join('\n');

  it('takes no title from it: the name comes from package.json', async () => {
    const s = summariseReadme('README.md', md);
    expect(s.title).toBeUndefined();
    expect(s.tagline).toBeUndefined();
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'pepsi-machine', private: true }), 'README.md': md });
    const out = (await section(overviewStep, root)).markdown;
    expect(out).toContain('**Name:** pepsi-machine');
    expect(out).not.toContain("What's inside? (");
    expect(out).not.toContain('**Tagline:** This turborepo');
  });

  it('still takes a name-like opening heading, and any question or Features heading is a section', () => {
    expect(summariseReadme('README.md', '## Invoicer\n\nSends invoices.\n').title?.text).toBe('Invoicer');
    expect(summariseReadme('README.md', '## What is this?\n\nA tool.\n').title).toBeUndefined();
    expect(summariseReadme('README.md', '## Key features\n\n- Fast\n').title).toBeUndefined();
  });

  it('takes no one-sentence lead-in to a list as the tagline', () => {
    const s = summariseReadme('README.md', '# Shop\n\nIt includes the following packages:\n\n- `api`: the API\n- `web`: the site\n');
    expect(s.tagline).toBeUndefined();
  });
});

describe('a "Description" section is the README\'s introduction', () => {
  // The shape of template-hono-prisma-kysely's README.
  const md = [
    '# Template Hono Prisma Kysely',
    '',
    '## Description',
    '',
    'This is an opinionated, robust template for backend development with Hono, Prisma and Kysely.',
    '',
    '## Rules',
    '',
    '- Read the rules.',
    '',
  ].join('\n');

  it('quotes it, and never says there is no introduction', async () => {
    const s = summariseReadme('README.md', md);
    expect(s.value?.heading).toEqual({ text: 'Description', line: 3 });
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'template', private: true }), 'README.md': md });
    const out = (await section(overviewStep, root)).markdown;
    expect(out).not.toContain('no introduction beyond the tagline');
    expect(out).toContain('This is an opinionated, robust template');
  });
});
