/** One SDK client class in step 7: how to construct it, its options with defaults, and its methods with endpoints. */
import type { SdkClient, SdkPackageData } from '../../detectors/sdk/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import { layeredDiagram, type DiagramBox } from '../../markdown/diagram.js';
import { codeBlock } from '../../markdown/blocks.js';

export function clientSection(c: SdkClient): string {
  const title = c.accessor === 'client' ? `${c.className}` : `${c.className} — \`${c.accessor}\``;
  const intro = [
    c.doc ? `${oneLine(c.doc)}` : '',
    `Defined at ${cite(c.file, c.line)}${c.extendsName ? ` (extends ${code(c.extendsName)})` : ''}.`,
    c.options ? `Construct with ${code(c.options.constructorSignature)}.` : '',
    c.resources.length ? `Resources: ${c.resources.map((r) => `${code(`${c.accessor}.${r.property}`)} (${code(r.className)})`).join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return join(heading(4, title), intro, optionsTable(c), methodsTable(c));
}

function optionsTable(c: SdkClient): string {
  const o = c.options;
  if (!o || o.fields.length === 0) return '';
  const where = o.file ? ` (${o.typeName ? `${code(o.typeName)}, ` : ''}${cite(o.file, o.line)})` : o.typeName ? ` (${code(o.typeName)})` : '';
  const rows = o.fields.map((f) => [
    code(f.name),
    f.type ? code(f.type) : '—',
    f.optional ? 'no' : 'yes',
    f.default !== undefined ? `${code(f.default)}${f.defaultFrom === 'doc' ? ' (from `@default`)' : ''}` : '—',
    f.doc ? oneLine(f.doc) : '',
  ]);
  return join(`Options${where}:`, table(['Option', 'Type', 'Required', 'Default', 'Description'], rows));
}

function methodsTable(c: SdkClient): string {
  if (c.methods.length === 0) return 'No public methods of its own.';
  const rows = c.methods.map((m) => [
    code(`${m.static ? c.className : c.accessor}.${m.name}`),
    code(m.signature),
    m.endpoints.length ? m.endpoints.map((e) => code(`${e.method} ${e.path}`)).join(', ') : '—',
    m.doc ? oneLine(m.doc) : '',
    cite(m.file, m.line),
  ]);
  return join(`Methods (${c.methods.length}):`, table(['Method', 'Signature', 'Endpoint', 'Description', 'Where'], rows));
}

/** your code → client classes → HTTP layer → API, from what was found. */
export function architectureDiagram(pkg: SdkPackageData, clients: readonly SdkClient[]): string {
  const roots = clients.filter((c) => c.accessor === 'client');
  if (roots.length === 0) return '';
  const short = (file: string) => (pkg.dir && file.startsWith(`${pkg.dir}/`) ? file.slice(pkg.dir.length + 1) : file);
  const methods = (c: SdkClient) => clients.filter((x) => x.accessor === c.accessor || x.accessor.startsWith(`${c.accessor}.`)).reduce((n, x) => n + x.methods.length, 0);
  const layers: DiagramBox[][] = [[{ title: 'your code' }]];
  layers.push(roots.map((c) => ({ title: c.className, lines: [short(c.file), `${methods(c)} public methods`] })));
  const resources = clients.filter((c) => c.accessor !== 'client');
  if (resources.length > 4) {
    const shown = resources.slice(0, 2).map((c) => c.accessor);
    layers.push([{ title: `${resources.length} resources`, lines: [...shown, `+${resources.length - 2} more`] }]);
  } else if (resources.length) layers.push(resources.map((c) => ({ title: c.accessor, lines: [c.className] })));
  const h = pkg.http;
  if (h) {
    const traits = [h.retries && 'retries', h.backoff && 'backoff', h.timeout && 'timeout'].filter(Boolean).join(', ');
    layers.push([{ title: h.where ?? 'HTTP layer', lines: [short(h.file), h.transport, ...(traits ? [traits] : [])] }]);
  }
  const base = roots.flatMap((c) => c.options?.fields ?? []).find((f) => /base_?url|host|origin|endpoint/i.test(f.name) && /^['"`]/.test(f.default ?? ''));
  layers.push([{ title: 'HTTP API', lines: base ? [base.default!.replace(/^['"`]|['"`]$/g, '')] : [] }]);
  return codeBlock(layeredDiagram(layers), 'text');
}

/** One short example made only of names that exist: the client, its required options and one method. */
export function builtExample(pkg: SdkPackageData, clients: readonly SdkClient[]): string | undefined {
  const root = clients.find((c) => c.accessor === 'client');
  if (!root) return undefined;
  const required = (root.options?.fields ?? []).filter((f) => !f.optional);
  const args = root.options ? (required.length ? `{ ${required.map((f) => `${f.name}: '<${f.name}>'`).join(', ')} }` : root.options.constructorSignature.endsWith('()') ? '' : '{}') : '';
  const target = clients.flatMap((c) => c.methods.filter((m) => !m.static).map((m) => ({ c, m }))).find((x) => x.m.endpoints.length) ??
    clients.flatMap((c) => c.methods.filter((m) => !m.static).map((m) => ({ c, m })))[0];
  const lines = [`import { ${root.className} } from '${pkg.name}';`, '', `const client = new ${root.className}(${args});`];
  if (target) lines.push(`const result = await ${target.c.accessor}.${target.m.name}(${target.m.required.join(', ')});`);
  return lines.join('\n');
}
