import { describe, expect, it } from 'vitest';
import { sdksStep } from '../src/steps/07-sdks.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const client = [
  'export class PlatformModule {',
  '  static forRoot(options: { baseUrl: string }) { return options; }',
  '}',
  'export class AcmeClient {',
  '  constructor(private readonly options: { baseUrl: string }) {}',
  '  /** Lists the assistants. */',
  "  async listAssistants() { return fetch(`${this.options.baseUrl}/assistants`); }",
  '}',
  '',
].join('\n');
const pkg = JSON.stringify({ name: '@acme/platform-client', version: '1.0.0', main: './src/index.ts', types: './src/index.ts' });
const quickStart = "# Platform\n\n## Quick Start\n\n```typescript\nimport { PlatformModule } from '@acme/old-name';\n\nPlatformModule.forRoot({ baseUrl: 'https://x' });\n```\n";
const unrelated = "# Platform\n\n## Setup\n\n```ts\nconst answer = 42;\n```\n";
const claude = '# Notes\n\n```typescript\nconst a = 1;\n```\n\nText.\n\n```js\nconst b = 2;\n```\n';

describe('Step 7 usage examples: never "no code examples" when the docs have code blocks', () => {
  it('a README block that uses an exported class (not the client, under an older package name) is quoted', async () => {
    const root = tempRepo({ 'package.json': pkg, 'src/index.ts': client, 'README.md': quickStart });
    const md = (await section(sdksStep, root)).markdown;
    expect(md).toContain('From `/README.md:5` (Quick Start):');
    expect(md).not.toContain('no code examples');
  });

  it('blocks that use nothing of the package are named with their files, not denied', async () => {
    const root = tempRepo({ 'package.json': pkg, 'src/index.ts': client, 'README.md': unrelated, 'CLAUDE.md': claude, 'CHANGELOG.md': '```ts\nx\n```\n' });
    const md = (await section(sdksStep, root)).markdown;
    expect(md).not.toContain('no code examples');
    expect(md).toContain(
      "The package's docs have 3 TypeScript/JavaScript code blocks, none naming its clients or exports: 1 in `/README.md:5`, 2 in `/CLAUDE.md:3`; this example is built only from the signatures above:",
    );
    // Without any code block, the sentence stays as it was.
    const bare = tempRepo({ 'package.json': pkg, 'src/index.ts': client, 'README.md': '# Platform\n\nNo code here.\n' });
    expect((await section(sdksStep, bare)).markdown).toContain('The package has no code examples; this one is built only from the signatures above:');
  });

  it('a block in another doc file that calls an export is quoted, not called "none naming" (react-nestjs-prisma-monorepo SKILLS.md)', async () => {
    const skills = "# Skills\n\n```ts\nconst a = 1;\n```\n\n```typescript\nconst client = new AcmeClient({ baseUrl: 'https://x' });\nawait client.listAssistants();\n```\n";
    const root = tempRepo({ 'package.json': pkg, 'src/index.ts': client, 'README.md': unrelated, 'SKILLS.md': skills });
    const md = (await section(sdksStep, root)).markdown;
    expect(md).toContain('From `/SKILLS.md:7` (Skills):');
    expect(md).not.toContain('none naming its clients or exports');
  });

  it('a block that only declares an export (pasted source) is no usage example', async () => {
    const skills = "# Skills\n\n```ts\nexport class AcmeClient {\n  constructor(options) {}\n}\n```\n";
    const root = tempRepo({ 'package.json': pkg, 'src/index.ts': client, 'README.md': unrelated, 'SKILLS.md': skills });
    const md = (await section(sdksStep, root)).markdown;
    expect(md).not.toContain('From `/SKILLS.md:');
    expect(md).toContain('2 TypeScript/JavaScript code blocks, none naming its clients or exports');
  });
});

