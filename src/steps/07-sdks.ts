/**
 * Step 7 — SDKs: which packages are client libraries, their architecture (client classes, HTTP layer), every public
 * method with signature, doc line and endpoint, options with defaults, errors, exported types and usage examples.
 */
import { sdkDetector, type SdkClient, type SdkClientFact, type SdkPackageData, type SdkPackageFact } from '../detectors/sdk/index.js';
import { bullets, codeBlock, heading, join, stepHeading, table } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { code, oneLine } from '../markdown/text.js';
import { architectureDiagram, builtExample, clientSection } from './parts/sdk-client.js';
import { noneOr } from './parts/claims.js';
import type { StepDefinition } from './types.js';
import { pushTo } from '../collections.js';
import { isPublished } from '../detectors/stack/role.js';
import type { RepoIndex } from '../scan/repo-index.js';

const MAX_TYPES = 40;

export const sdksStep: StepDefinition = {
  number: 7,
  title: 'SDKs',
  detectors: [sdkDetector],
  claims: ['sdk'],
  build(model) {
    const { facts } = model;
    const packages = facts.of<SdkPackageFact>('sdk.package').map((f) => f.data);
    const clients = facts.of<SdkClientFact>('sdk.client').map((f) => f.data);
    const title = stepHeading(7, 'SDKs');
    if (packages.length === 0) {
      return {
        markdown: join(
          title,
          noneOr(
            model,
            'sdk',
            'No SDK or client library found: no publishable package is named or described as an SDK or client library, or exports a client class named like one or like the package.',
            'No SDK package with a client class was mapped, but these packages look like SDKs or clients:',
          ),
        ),
        facts: facts.all,
      };
    }
    const summary = `${packages.length} SDK package${packages.length === 1 ? '' : 's'}: ${packages.map((p) => `${code(p.name)} (${p.dir ? cite(p.dir) : 'repository root'})`).join(', ')}.`;
    return {
      markdown: join(title, summary, ...packages.map((p) => packageSection(p, clients.filter((c) => c.package === p.name), model.index))),
      facts: facts.all,
    };
  },
};

function packageSection(p: SdkPackageData, clients: SdkClient[], index: RepoIndex): string {
  const facts: string[] = [];
  if (p.description) facts.push(`**Purpose:** ${oneLine(p.description)} (${cite(p.manifest)})`);
  const published = Object.entries(p.published).map(([k, v]) => `${k} ${code(v)}`);
  // "Published" by the rule every step uses; otherwise the same facts about what package.json exposes.
  const pkg = index.packages.find((x) => x.dir === p.dir);
  facts.push(`**${pkg && isPublished(pkg, index) ? 'Published' : 'Package'}:** ${p.version ? `version ${code(p.version)}` : 'no version'}${p.private ? ', private' : ''}${published.length ? `; ${published.join(', ')}` : ''}`);
  facts.push(`**Source entry:** ${cite(p.entry)}`);
  if (p.buildConfig) facts.push(`**Build config:** ${cite(p.buildConfig)}`);
  const roots = clients.filter((c) => c.accessor === 'client');
  if (roots.length) facts.push(`**Main client${roots.length > 1 ? 's' : ''}:** ${roots.map((c) => `${code(c.className)} (${cite(c.file, c.line)})`).join(', ')}`);
  const methodCount = clients.reduce((n, c) => n + c.methods.length, 0);
  const withEndpoint = clients.reduce((n, c) => n + c.methods.filter((m) => m.endpoints.length).length, 0);
  if (methodCount) facts.push(`**Public methods:** ${methodCount}, ${withEndpoint} with an endpoint named in the code`);
  return join(
    heading(3, `${oneLine(p.name)} — ${p.dir || 'repository root'}`),
    bullets(facts),
    roots.length ? join(heading(4, 'Architecture'), architectureDiagram(p, clients)) : '',
    ...clients.map(clientSection),
    functionsSection(p),
    httpSection(p, roots),
    errorsSection(p),
    typesSection(p),
    examplesSection(p, clients),
  );
}

function functionsSection(p: SdkPackageData): string {
  if (p.functions.length === 0) return '';
  const rows = p.functions.map((f) => [code(f.name), code(f.signature), f.doc ? oneLine(f.doc) : '', cite(f.file, f.line)]);
  return join(heading(4, 'Exported functions'), table(['Function', 'Signature', 'Description', 'Where'], rows));
}

function httpSection(p: SdkPackageData, roots: SdkClient[]): string {
  const h = p.http;
  if (!h) return join(heading(4, 'HTTP layer'), 'No HTTP call (fetch, axios, ky, got…) found in the package source.');
  const option = (re: RegExp) => roots.flatMap((c) => c.options?.fields ?? []).find((f) => re.test(f.name));
  const items = [`${h.where ? `${code(h.where)} in ` : ''}${cite(h.file, h.line)} sends the requests with ${code(h.transport)}.`];
  const retries = option(/retr/i);
  if (h.retries) {
    const statuses = h.retryStatuses.length ? ` on ${h.retryStatuses.join(', ')}` : '';
    const count = retries?.default ? ` (option ${code(retries.name)}, default ${code(retries.default)})` : retries ? ` (option ${code(retries.name)})` : '';
    items.push(`Retries${statuses}${h.backoff ? ' with backoff' : ''}${count}.`);
  } else items.push('No retry logic found.');
  const timeout = option(/timeout/i);
  if (h.timeout) items.push(`Timeout${timeout ? `: option ${code(timeout.name)}${timeout.default ? `, default ${code(timeout.default)}` : ''}` : ' handling present'}.`);
  if (h.authHeaders.length) items.push(`Credentials sent in ${h.authHeaders.map(code).join(', ')}.`);
  return join(heading(4, 'HTTP layer'), bullets(items));
}

function errorsSection(p: SdkPackageData): string {
  if (p.errors.length === 0) return '';
  const rows = p.errors.map((e) => [code(e.name), code(e.extends), e.fields.length ? e.fields.map(code).join(', ') : '—', e.doc ? oneLine(e.doc) : '', cite(e.file, e.line)]);
  return join(heading(4, 'Errors'), table(['Error', 'Extends', 'Fields', 'Description', 'Where'], rows));
}

function typesSection(p: SdkPackageData): string {
  if (p.types.length === 0) return '';
  if (p.types.length <= MAX_TYPES) {
    const rows = p.types.map((t) => [code(t.name), t.kind, cite(t.file, t.line)]);
    return join(heading(4, 'Exported types'), table(['Type', 'Kind', 'Where'], rows));
  }
  // Many types: where they live, by folder, with a few names each.
  const byDir = new Map<string, string[]>();
  for (const t of p.types) {
    const dir = t.file.slice(0, t.file.lastIndexOf('/'));
    pushTo(byDir, dir, t.name);
  }
  const rows = [...byDir]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([dir, names]) => [cite(`${dir}/`), String(names.length), names.slice(0, 3).map(code).join(', ') + (names.length > 3 ? ', …' : '')]);
  return join(heading(4, 'Exported types'), `${p.types.length} exported types, by folder:`, table(['Folder', 'Types', 'e.g.'], rows));
}

function examplesSection(p: SdkPackageData, clients: SdkClient[]): string {
  if (p.examples.length) {
    const blocks = p.examples.map((e) =>
      join(`From ${cite(e.file, e.line)}${e.title ? ` (${oneLine(e.title)})` : ''}:`, codeBlock(e.code, e.language === 'typescript' ? 'ts' : e.language)),
    );
    return join(heading(4, 'Usage examples'), ...blocks);
  }
  const built = builtExample(p, clients);
  const docs = docBlocksText(p);
  if (!built) return docs ? join(heading(4, 'Usage examples'), `${docs}.`) : '';
  const lead = docs ? `${docs}; this example is built only from the signatures above:` : 'The package has no code examples; this one is built only from the signatures above:';
  return join(heading(4, 'Usage example'), lead, codeBlock(built, 'ts'));
}

/** `None of the package's code blocks names its clients: 1 in /README.md:16, 17 in /CLAUDE.md:56` — what the docs hold. */
function docBlocksText(p: SdkPackageData): string {
  const blocks = p.docBlocks ?? [];
  if (blocks.length === 0) return '';
  const total = blocks.reduce((n, b) => n + b.count, 0);
  const where = blocks.slice(0, 5).map((b) => `${b.count} in ${cite(b.file, b.line)}`);
  const more = blocks.length > 5 ? ` and ${blocks.length - 5} more files` : '';
  return `The package's docs have ${total} TypeScript/JavaScript code block${total === 1 ? '' : 's'}, none naming its clients or exports: ${where.join(', ')}${more}`;
}
