import { describe, expect, it } from 'vitest';
import { firstParagraph, readmeDetector, summariseReadme, type ReadmeFact } from '../src/detectors/readme/index.js';
import { parseBlocks, inline } from '../src/detectors/readme/parse.js';
import { summariseVision } from '../src/detectors/readme/vision.js';
import { sentences } from '../src/steps/parts/overview-shared.js';
import { detect } from './helpers/fixture.js';

describe('README summary', () => {
  it('skips badges before the title and takes the first real paragraph as the tagline', async () => {
    const [fact] = (await detect(readmeDetector, 'ov-single')) as ReadmeFact[];
    expect(fact.data.file).toBe('README.md');
    expect(fact.data.title).toEqual({ text: 'tiny-cache', line: 3 });
    expect(fact.data.tagline?.text).toBe('Fast, typed LRU cache with per-entry TTLs. Zero dependencies. Works everywhere.');
    expect(fact.data.tagline?.line).toBe(5);
    expect(fact.data.value?.heading).toEqual({ text: 'Features', line: 7 });
    expect(fact.data.value?.bullets).toEqual([
      'O(1) get and set via a doubly linked list',
      'Per-entry TTLs',
      'A tiny-cache CLI for quick experiments',
    ]);
    // A `#` line inside a fenced block is code, not a heading.
    expect(fact.data.sections.map((s) => s.text)).toEqual(['Features', 'Usage']);
  });

  it('reads setext headings and an "Overview" section', async () => {
    const [fact] = (await detect(readmeDetector, 'ov-pnpm')) as ReadmeFact[];
    expect(fact.data.title).toEqual({ text: 'Acme Platform', line: 1 });
    expect(fact.data.tagline?.text).toBe('The customer portal and public API of Acme, in one pnpm workspace.');
    expect(fact.data.value?.heading?.text).toBe('Overview');
    expect(fact.data.value?.paragraph?.text).toMatch(/^Acme lets small shops take orders online\./);
  });

  it('reads an HTML title and tagline (centered logo READMEs)', async () => {
    const [fact] = (await detect(readmeDetector, 'ov-yarn')) as ReadmeFact[];
    expect(fact.data.title).toEqual({ text: 'Shop', line: 2 });
    expect(fact.data.tagline).toEqual({
      text: 'Everything needed to run the shop: order service, background worker and shared libraries.',
      line: 3,
    });
    expect(fact.data.value?.heading?.text).toBe('Why');
  });

  it('is disabled without a README', async () => {
    expect(await detect(readmeDetector, 'ov-noreadme')).toEqual([]);
  });

  it('prefers a blockquote under the title and a "Why" section over "Features"', () => {
    const md = '# KV\n\n> Storage in three lines.\n\n## Features\n\n- a\n\n## Why\n\nBecause Redis is overkill.\n';
    const s = summariseReadme('README.md', md);
    expect(s.tagline).toEqual({ text: 'Storage in three lines.', line: 3 });
    expect(s.value?.heading?.text).toBe('Why');
    expect(s.value?.paragraph?.text).toBe('Because Redis is overkill.');
  });

  it('strips inline markdown and skips HTML comments and front matter', () => {
    expect(inline('**Fast** [docs](https://x) ![logo](l.png) `code` <b>bold</b>')).toBe('Fast docs code bold');
    const blocks = parseBlocks('---\ntitle: x\n---\n<!-- hidden\n# not a title -->\n# Real\n');
    expect(blocks).toEqual([{ kind: 'heading', line: 6, level: 1, text: 'Real' }]);
  });
});

describe('README blocks from marked\'s lexer', () => {
  it('keeps what is inside code spans: `<…>` placeholders and generics', () => {
    const [p] = parseBlocks('Keys are `PK = <namespace>#<key>` and values `Array<string>`; plain <b>tags</b> go &amp; entities decode.\n');
    expect(p.text).toBe('Keys are PK = <namespace>#<key> and values Array<string>; plain tags go & entities decode.');
    expect(inline('`a &amp; b` &amp; c')).toBe('a &amp; b & c');
  });

  it('reads indented code as code, not prose', () => {
    const s = summariseReadme('README.md', '# Tool\n\n    npm install tool\n    tool --run\n\nRuns your tasks in parallel, with a cache.\n');
    expect(s.tagline).toEqual({ text: 'Runs your tasks in parallel, with a cache.', line: 6 });
  });

  it('reads headings, paragraphs, lists and tables with their lines, skipping fences', () => {
    const md = ['Title', '=====', '', '```sh', '# not a heading', '```', '', '- one', '  more', '- two', '  - nested', '', '| a | b |', '|---|---|', '| `x` | y |', '', 'Sub', '---'].join('\n');
    expect(parseBlocks(md)).toEqual([
      { kind: 'heading', line: 1, level: 1, text: 'Title' },
      { kind: 'list', line: 8, text: 'one more two', items: ['one more', 'two'], nested: [{ line: 8, items: [] }, { line: 10, items: ['nested'] }] },
      { kind: 'table', line: 13, text: '', rows: [['a', 'b'], ['x', 'y']] },
      { kind: 'heading', line: 17, level: 2, text: 'Sub' },
    ]);
  });

  it('takes the title from an HTML banner: a heading inside a centered block, or its logo\'s alt text', () => {
    const banner = summariseReadme('README.md', '<div align="center">\n  <img src="logo.png" width="80">\n  <h1>Orbit</h1>\n  <p>Deploy previews for every branch.</p>\n</div>\n\n## Install\n');
    expect(banner.title).toEqual({ text: 'Orbit', line: 3 });
    expect(banner.tagline).toEqual({ text: 'Deploy previews for every branch.', line: 4 });
    const logo = summariseReadme('README.md', '<h1 align="center"><img src="logo.svg" alt="Lumen"></h1>\n\nA static site generator.\n');
    expect(logo.title).toEqual({ text: 'Lumen', line: 1 });
  });

  it('never takes a section heading (`# Intro`, `## Install`) as the title', () => {
    expect(summariseReadme('README.md', '# Intro\n\nThis service sends invoices.\n\n## Install\n').title).toBeUndefined();
    expect(summariseReadme('README.md', '[![ci](b.svg)](x)\n\n## Install\n\nnpm i\n').title).toBeUndefined();
    expect(summariseReadme('README.md', '## Getting Started 🚀\n\nRun it.\n').title).toBeUndefined();
    expect(summariseReadme('README.md', '# Intro\n\n# Invoicer\n').title).toBeUndefined();
    expect(summariseReadme('README.md', '## Invoicer\n\nSends invoices.\n').title).toEqual({ text: 'Invoicer', line: 1 });
  });
});

describe('vision summary', () => {
  it('lists top sections with what follows each: a paragraph, list items or the size of a table', () => {
    const md = '# Vision\n\n## One-liner\nStore data. More text.\n\n## Users\n1. Indie devs\n2. Teams\n\n## Plans\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    const v = summariseVision(md);
    expect(v.title?.text).toBe('Vision');
    expect(v.sections.map((s) => [s.heading.text, s.kind, s.first, s.items])).toEqual([
      ['One-liner', 'text', 'Store data. More text.', undefined],
      ['Users', 'list', undefined, ['Indie devs', 'Teams']],
      ['Plans', 'table', 'a table of 1 row', undefined],
    ]);
  });
});

describe('sentences', () => {
  it('does not cut inside identifiers like kv.set()', () => {
    expect(sentences('Sign up → kv.set() in two minutes. Then more. And more.', 2)).toBe('Sign up → kv.set() in two minutes. Then more.');
    expect(sentences('One. Two.', 1)).toBe('One.');
  });
});

describe('README shapes seen in real repositories', () => {
  it('takes a sentence-like subheading right under the title as the tagline, and reads <br> as a space', () => {
    const md = '<div align="center">\n  <h1>tRPC</h1>\n  <h3>Move fast and break nothing.<br />End-to-end typesafe APIs made easy.</h3>\n</div>\n\n## Intro\n\ntRPC lets you build typesafe APIs.\n\n### Features\n\n- Typesafe\n';
    const s = summariseReadme('README.md', md);
    expect(s.title).toEqual({ text: 'tRPC', line: 2 });
    expect(s.tagline).toEqual({ text: 'Move fast and break nothing. End-to-end typesafe APIs made easy.', line: 3 });
    // "Intro" comes first in the document and holds the Features list under it.
    expect(s.value).toEqual({
      heading: { text: 'Intro', line: 6 },
      paragraph: { text: 'tRPC lets you build typesafe APIs.', line: 8 },
      bullets: ['Typesafe'],
    });
  });

  it('does not mistake a section heading under the title for a subtitle', () => {
    const s = summariseReadme('README.md', '# Tool\n\n## Getting started today\n\nRun it.\n');
    expect(s.tagline).toBeUndefined();
  });

  it('skips HTML tables, pipe-less tables and instructions when looking for a package purpose', () => {
    expect(firstParagraph('# x\n\n<table>\n<tr><td>Path</td></tr>\n</table>\n\nA real sentence about x.\n')?.text).toBe('A real sentence about x.');
    expect(firstParagraph('Path | Description\n--- | ---\n./a | b\n\nThe package does y.\n')?.text).toBe('The package does y.');
    expect(firstParagraph('Created by someone.\n\nRun the server:\n\nTip: try it.\n\nServes the orders API.\n')?.text).toBe('Serves the orders API.');
  });

  it('skips a difficulty badge or metadata label line (`> **Level: 200 (Intermediate)**`) when looking for a purpose', () => {
    const md = '# Stub API\n\n[![EN](https://img.shields.io/badge/x-English-white)](./README.md)\n\n> **Level: 200 (Intermediate)**\n\nA mock HTTP API built from API Gateway wired to S3.\n';
    expect(firstParagraph(md)?.text).toBe('A mock HTTP API built from API Gateway wired to S3.');
    expect(firstParagraph('# x\n\nStatus: beta\n\n**Category: Networking**\n\nPeers two VPCs.\n')?.text).toBe('Peers two VPCs.');
    // A sentence with a colon is still a description.
    expect(firstParagraph('# x\n\nHono: a small, simple and ultrafast web framework for the edges.\n')?.text).toBe('Hono: a small, simple and ultrafast web framework for the edges.');
  });

  it('skips a language switcher (links separated by |, some of several words) when choosing the tagline', () => {
    const md = [
      '<h1 align="center">Chatty</h1>',
      '',
      '[English](README.md) | [日本語](docs/README_ja.md) | [Bahasa Indonesia](docs/README_id.md) | [Português Brasil](docs/README_pt.md)',
      '',
      'A multilingual chat platform with custom bots and a bot store.',
      '',
      '### Bot store',
      '',
      'Add your own instructions and share the bot with other users of the application.',
      '',
      '## Install',
    ].join('\n');
    const s = summariseReadme('README.md', md);
    expect(s.tagline).toEqual({ text: 'A multilingual chat platform with custom bots and a bot store.', line: 5 });
    // The paragraph under a `###` feature heading describes that feature: it is not the project's introduction.
    expect(s.value).toBeUndefined();
    // A sentence that merely contains links is still prose.
    expect(summariseReadme('README.md', '# X\n\nBuilt on [Bedrock](a) and [Lambda](b) for chat.\n').tagline?.text).toBe('Built on Bedrock and Lambda for chat.');
  });
});

describe('step 1 without a value section', () => {
  it('does not call the tagline the only statement of purpose when feature subsections follow', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { section } = await import('./helpers/fixture.js');
    const { overviewStep } = await import('../src/steps/01-overview.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'chatty', private: true }),
      'README.md': '# Chatty\n\nA multilingual chat platform with custom bots.\n\n### Bot store\n\nShare your bots with other users.\n\n## Deploy\n\nRun the script.\n',
    });
    const md = (await section(overviewStep, root)).markdown;
    expect(md).toContain('A multilingual chat platform with custom bots.');
    expect(md).not.toContain('the only statement of purpose');
    expect(md).toContain('no introduction beyond the tagline above; its sections are listed above.');
  });
});


describe('a plug is not a tagline', () => {
  it('skips "Check out my other repositories:" and its list of links, and takes the next real paragraph', () => {
    const md = [
      '# Domain-Driven Hexagon',
      '',
      '**Check out my other repositories**:',
      '',
      '- [Backend best practices](https://github.com/x/y) - Best practices.',
      '',
      '---',
      '',
      'The main emphasis of this project is to provide recommendations on how to design software applications.',
      '',
    ].join('\n');
    const s = summariseReadme('README.md', md);
    expect(s.tagline).toEqual({ text: 'The main emphasis of this project is to provide recommendations on how to design software applications.', line: 9 });
    // Nor is it the introduction that says what the project is for.
    const quoted = summariseReadme('README.md', '# Tool\n\nA fast task runner for monorepos, with a shared cache.\n\n**Check out my other repositories**:\n\n- [x](https://example.com/x)\n\nIt runs your tasks in parallel.\n');
    expect(quoted.value?.paragraph?.text).toBe('It runs your tasks in parallel.');
    expect(summariseReadme('README.md', '# Tool\n\nIf you like this project, please give it a ⭐!\n\nRuns your tasks in parallel.\n').tagline?.text).toBe('Runs your tasks in parallel.');
  });
  it('skips a row of HTML badge links under a centred title, and a sponsor line inside "Highlights"', () => {
    const md = [
      '<div align="center">',
      '',
      '# Starter Kit',
      '',
      '<a href="https://example.com/docs"><img src="https://img.shields.io/badge/Docs-007ec6" height="20"></a>',
      '<a href="https://example.com/chat"><img src="https://img.shields.io/discord/1?label=Chat" height="20"></a>',
      '',
      '</div>',
      '',
      'A full-stack monorepo template for building SaaS applications.',
      '',
      '## Highlights',
      '',
      '- **Type-safe** — one contract from database to UI',
      '',
      'Starter Kit is proudly supported by these amazing sponsors:',
      '',
      '<a href="https://example.com/s/1"><img src="https://example.com/s/1.png" height="60" /></a>',
      '',
    ].join('\n');
    const s = summariseReadme('README.md', md);
    expect(s.tagline).toEqual({ text: 'A full-stack monorepo template for building SaaS applications.', line: 10 });
    expect(s.value?.heading?.text).toBe('Highlights');
    expect(s.value?.paragraph).toBeUndefined();
    expect(s.value?.bullets).toEqual(['Type-safe — one contract from database to UI']);
  });
  it('finds a Features or About section whose heading starts with an emoji or a :shortcode:', () => {
    const emoji = summariseReadme('README.md', '# Starter\n\nA starter.\n\n## ✨ Features\n\n- Typed API calls end to end\n- Docker for every service\n');
    expect(emoji.value?.heading?.text).toBe('✨ Features');
    expect(emoji.value?.bullets[0]).toContain('Typed API calls');
    const shortcode = summariseReadme('README.md', '# Boilerplate\n\nAn API.\n\n## :blue_heart: About the boilerplate\n\nIt gives you auth, email and a database from the first commit.\n');
    expect(shortcode.value?.heading?.line).toBe(5);
    expect(shortcode.value?.paragraph?.text).toContain('auth, email and a database');
  });
});

describe('a centred header block with a subtitle heading and an anchor navigation bar', () => {
  it('takes the <h4> as the tagline, never the bar of <a> anchors separated by bullets', () => {
    // The shape of express-typescript-skeleton's README (lines 1-25).
    const md = [
      '<div align="center">',
      ' <img',
      '  width="500"',
      ' alt="Node.js, Typescript and Express template"',
      ' src="https://example.com/logo.png">',
      '<br>',
      '',
      '![version](https://img.shields.io/badge/v-1-blue)',
      '![license](https://img.shields.io/badge/license-MIT-green)',
      '',
      '<h4>',
      '  🔰🦸 Production-ready template for backends created with Node.js, Typescript and Express',
      '</h4>',
      '',
      '<a href="#ℹ️-about">ℹ️ About</a> •',
      '<a href="#-features">📋 Features</a> •',
      '<a href="#-contributing"> 🤝 Contributing</a> •',
      '<a href="#-license">🚩 License</a>',
      '',
      '</div>',
      '',
      '---',
      '',
      '## ℹ️ About',
      '',
      'This is a skeleton.',
    ].join('\n');
    const s = summariseReadme('README.md', md);
    expect(s.tagline).toEqual({ text: '🔰🦸 Production-ready template for backends created with Node.js, Typescript and Express', line: 11 });
    expect(s.title).toBeUndefined();
    expect(parseBlocks(md).find((b) => b.text.includes('Contributing') && b.kind === 'paragraph')?.linkBar).toBe(true);
    // The bar alone (no subtitle) is never a tagline either.
    const bar = summariseReadme('README.md', ['# Skel', '', '<a href="#a">ℹ️ About</a> •', '<a href="#b">📋 Features</a> •', '<a href="#c">🚩 License</a>', '', 'A skeleton for APIs.', ''].join('\n'));
    expect(bar.tagline?.text).toBe('A skeleton for APIs.');
    // A short heading in a header block stays the name.
    expect(summariseReadme('README.md', '<h3 align="center">Best-README-Template</h3>\n\n<p align="center">An awesome README template.</p>\n').title?.text).toBe('Best-README-Template');
  });
});

describe('a features section named otherwise, and a list right after the tagline', () => {
  // The shape of cdk-serverless-nextjs's README.
  const md = [
    '# CDK Serverless Next.js',
    '',
    'This project provides an AWS CDK construct to deploy Next.js to Lambda@Edge. We designed it following these principles:',
    '',
    '* Sensible defaults',
    '* Fast deployments',
    '',
    '## Supported Next.js features',
    '',
    'This construct library aims for feature parity with Next.js.',
    '',
    '* Static pages',
    '* Image optimization',
    '',
  ].join('\n');

  it('takes a heading that contains "features" as the value section', () => {
    const s = summariseReadme('README.md', md);
    expect(s.value?.heading).toEqual({ text: 'Supported Next.js features', line: 8 });
    expect(s.value?.bullets).toEqual(['Static pages', 'Image optimization']);
  });

  it('takes the list right after the tagline as the introduction when there is no value section', () => {
    const s = summariseReadme('README.md', md.split('## Supported')[0]);
    expect(s.value).toEqual({ paragraph: s.tagline, bullets: ['Sensible defaults', 'Fast deployments'] });
  });

  it('never says the README has no features section when it has one', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { section } = await import('./helpers/fixture.js');
    const { overviewStep } = await import('../src/steps/01-overview.js');
    for (const readme of [md, md.split('## Supported')[0], '# Nx\n\nA construct.\n\n## Supported features\n\n| Feature | Status |\n| --- | --- |\n| ISR | yes |\n']) {
      const root = tempRepo({ 'package.json': JSON.stringify({ name: 'nx', private: true }), 'README.md': readme });
      const out = (await section(overviewStep, root)).markdown;
      expect(out).not.toContain('has no "Why", "Features" or "Overview" section');
    }
  });
});

describe('tagline: a goal line, never a bare link', () => {
  const md = [
    '# serverless-fullstack-starter',
    '',
    '### Goal',
    '',
    '- Lets you develop a fullstack service mvp at the speed of light!',
    '',
    '### Setting up app (Checklist)',
    '',
    'https://capacitorjs.com/docs/basics/workflow',
    '',
    '- Icon, name, splash screen',
    '',
  ].join('\n');

  it('takes the one-line list under a "Goal" heading right after the title', () => {
    expect(summariseReadme('README.md', md).tagline).toEqual({ text: 'Lets you develop a fullstack service mvp at the speed of light!', line: 5 });
  });

  it('never takes a paragraph that is only a URL', () => {
    const s = summariseReadme('README.md', md.replace('- Lets you develop a fullstack service mvp at the speed of light!', '- one\n- two'));
    expect(s.tagline).toBeUndefined();
  });
});

describe('an introduction of a table or a diagram', () => {
  it('is pointed to, not denied, when step 1 has no paragraph of it to quote', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { section } = await import('./helpers/fixture.js');
    const { overviewStep } = await import('../src/steps/01-overview.js');
    const readme = [
      '# App starter', '', 'Shared Nest + Next monorepo starter.', '', 'Package scopes are **project-agnostic**:', '',
      '| Scope | What |', '| --- | --- |', '| `@app/*` | Apps |', '', '## Start here', '', 'Run it.', '',
    ].join('\n');
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'starter', private: true }), 'README.md': readme });
    const md = (await section(overviewStep, root)).markdown;
    expect(md).not.toContain('no introduction beyond the tagline');
    expect(md).toContain('its introduction goes on at `/README.md:5` (not quoted here)');
    const diagram = tempRepo({
      'package.json': JSON.stringify({ name: 'starter', private: true }),
      'README.md': '# App starter\n\nShared Nest + Next monorepo starter.\n\n```text\nweb → api → db\n```\n\n## Start here\n\nRun it.\n',
    });
    expect((await section(overviewStep, diagram)).markdown).toContain('its introduction goes on at `/README.md:5` (not quoted here)');
  });
});

describe('a paragraph that opens with a link to a document', () => {
  it('is a pointer, not the introduction: the tagline stays the description', () => {
    const md = '# CDK Serverless Application\n\nServerless application combining user information into one state.\n\n![Application](./docs/application.png)\n\n[Data structures](./docs/data.md) in application used in application.\n\n## Useful commands\n\n- `yarn build`\n';
    const s = summariseReadme('README.md', md);
    expect(s.tagline?.line).toBe(3);
    expect(s.value).toBeUndefined();
    // A link to a web page first still names the subject of a description.
    const web = summariseReadme('README.md', '# X\n\nA tagline here for the tool.\n\n[Prisma](https://prisma.io) is the ORM this starter reads its schema with.\n\n## Use\n');
    expect(web.value?.paragraph?.line).toBe(5);
  });
});
