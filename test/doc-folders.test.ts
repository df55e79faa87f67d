/**
 * A folder of Markdown/MDX pages named like code (`events/`, `services/`, `handlers/`) documents those things; it
 * does not hold them. Found on aws-samples/serverless-eda-insurance-claims-processing, whose EventCatalog package's
 * `events/` (one index.mdx and schema.json per event) was "event handlers".
 */
import { describe, expect, it } from 'vitest';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('folders of documentation pages are not labelled as code', () => {
  it('EventCatalog events/ and services/ are its MDX pages; a handlers/ of .md files is documentation; with code it stays handlers', async () => {
    const root = tempRepo({
      'catalog/package.json': JSON.stringify({ name: 'catalog', private: true, dependencies: { '@eventcatalog/core': '3.20.4' } }),
      'catalog/eventcatalog.config.js': "module.exports = { title: 'Claims' };\n",
      'catalog/events/ClaimAccepted/index.mdx': '---\nid: ClaimAccepted\n---\nA claim was accepted.\n',
      'catalog/events/ClaimAccepted/schema.json': '{ "type": "object" }\n',
      'catalog/events/ClaimRejected/index.mdx': '---\nid: ClaimRejected\n---\nA claim was rejected.\n',
      'catalog/services/Claims Service/index.mdx': '---\nid: Claims Service\n---\nHandles claims.\n',
      'api/package.json': JSON.stringify({ name: 'api', private: true }),
      'api/src/index.ts': 'export const main = () => 1;\n',
      'api/handlers/README.md': '# Handlers\n\nHow to write one.\n',
      'api/handlers/conventions.mdx': '# Conventions\n',
      'worker/package.json': JSON.stringify({ name: 'worker', private: true }),
      'worker/handlers/onOrder.ts': 'export const onOrder = () => 1;\n',
      'worker/handlers/README.md': '# Handlers\n',
    });
    const md = (await section(directoryStructureStep, root)).markdown;
    expect(md).toContain('| `/catalog/events/` | 3 | EventCatalog events (MDX pages)');
    expect(md).toContain('| `/catalog/services/` | 1 | EventCatalog services (MDX pages)');
    expect(md).not.toContain('event handlers');
    expect(md).toContain('| `/api/handlers/` | 2 | documentation pages (Markdown/MDX)');
    expect(md).toMatch(/\| `\/worker\/handlers\/` \| 2 \| handlers/);
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
