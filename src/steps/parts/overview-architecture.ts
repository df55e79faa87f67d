import type { FactSet } from '../../facts.js';
import type { ReadmeFact } from '../../detectors/readme/index.js';
import { LAYERS, type AuxiliaryFact, type ComponentEvidence, type ComponentFact, type Layer } from '../../detectors/stack/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { layeredDiagram, layeredMermaid } from '../../markdown/diagram.js';
import { codeBlock } from '../../markdown/blocks.js';
import { oneLine } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { noneOr } from './claims.js';

const LAYER_NAMES: Record<Layer, string> = {
  client: 'Clients',
  edge: 'Edge & API',
  compute: 'Compute & messaging',
  data: 'Data, auth & services',
};

/** The ASCII diagram of detected components (clients on top) and a table of the evidence for each box. */
export function architecture(model: StepModel): string {
  const { facts, index } = model;
  const components = facts.of<ComponentFact>('stack.component').map((f) => f.data);
  const title = heading(3, 'High-level architecture');
  if (components.length === 0) {
    return join(
      title,
      noneOr(
        model,
        'components',
        'No deployable components detected (no app framework, HTTP server, CDK constructs or data-store client in any package.json).',
        'No component could be placed in a diagram from package.json dependencies, but these are deployed or run (steps 3 and 6 map them):',
      ),
      auxiliaryNote(facts),
    );
  }
  const layers = LAYERS.map((layer) => ({
    name: LAYER_NAMES[layer],
    boxes: components.filter((c) => c.layer === layer).map((c) => ({ title: c.title, lines: c.lines })),
  }));
  const rows = components.map((c) => {
    const merged = mergeEvidence(c.evidence);
    const shown = merged.slice(0, 3).map((e) => `${cite(e.file, e.line)} ${evidenceText(e.whats)}`);
    if (merged.length > 3) shown.push(`+${merged.length - 3} more`);
    return [oneLine(c.title), LAYER_NAMES[c.layer], shown.join('; ')];
  });
  const cdk = components.some((c) => c.evidence.some((e) => e.what.startsWith('new ')));
  // A component known from a file of its own (a supabase/config.toml, a source file named after a provider).
  const files = components.some((c) => c.evidence.some((e) => !e.what.startsWith('new ') && !/(^|\/)package\.json$/.test(e.file)));
  const sources = ['package.json dependencies', cdk && 'a text scan of CDK code', files && 'project files'].filter((x): x is string => !!x);
  const source = sources.length > 1 ? `${sources.slice(0, -1).join(', ')} and ${sources[sources.length - 1]}` : sources[0];
  return join(
    title,
    `Components detected from ${source} (clients on top; arrows show the rough direction of requests):`,
    auxiliaryNote(facts),
    codeBlock(layeredDiagram(layers.map((l) => l.boxes)), 'text'),
    'The same as a Mermaid diagram (drawn on GitHub):',
    codeBlock(layeredMermaid(layers), 'mermaid'),
    table(['Component', 'Layer', 'Evidence'], rows),
    readmeArchitecture(facts),
  );
}

/** Several findings in one file become one citation: `(@aws-sdk/client-dynamodb, @aws-sdk/lib-dynamodb dependencies)`. */
function mergeEvidence(evidence: readonly ComponentEvidence[]): { file: string; line?: number; whats: string[] }[] {
  const out: { file: string; line?: number; whats: string[] }[] = [];
  for (const e of evidence) {
    const same = out.find((o) => o.file === e.file && o.line === e.line);
    if (same) same.whats.push(e.what);
    else out.push({ file: e.file, line: e.line, whats: [e.what] });
  }
  return out;
}

/** `new apigw.RestApi` → "(`new apigw.RestApi`)"; dependency findings are joined: "(a, b dependencies)". */
function evidenceText(whats: readonly string[]): string {
  const deps = whats.filter((w) => / dependency$/.test(w)).map((w) => w.replace(/ dependency$/, ''));
  const rest = whats.filter((w) => !/ dependency$/.test(w)).map((w) => (w.startsWith('new ') ? `\`${oneLine(w)}\`` : oneLine(w)));
  const parts = [...rest];
  if (deps.length) parts.push(`${deps.map(oneLine).join(', ')} ${deps.length > 1 ? 'dependencies' : 'dependency'}`);
  return `(${parts.join('; ')})`;
}

/** One line naming what was left out of the diagram and the stack: example, test and fixture packages. */
export function auxiliaryNote(facts: FactSet): string {
  const aux = facts.of<AuxiliaryFact>('stack.auxiliary')[0]?.data;
  if (!aux) return '';
  const where = aux.folders.slice(0, 4).map((f) => cite(`${f}/`)).join(', ');
  const more = aux.folders.length > 4 ? ` and ${aux.folders.length - 4} more folders` : '';
  return `Left out here: ${aux.count} example, test or fixture package${aux.count === 1 ? '' : 's'} (${where}${more}).`;
}

/** The README's own architecture section, when it has one: the authors' picture next to the detected one. */
function readmeArchitecture(facts: FactSet): string {
  const readme = facts.of<ReadmeFact>('readme.summary')[0]?.data;
  const section = readme && architectureSection(readme.sections);
  return readme && section ? `The README describes the architecture too: "${oneLine(section.text)}" (${cite(readme.file, section.line)}).` : '';
}

/**
 * Headings that describe how the code is built, best first. "Design" counts only as the whole subject ("Design",
 * "System design", "Design decisions"), never "Design Resources" or "Design inspiration" (lists of links).
 */
const ARCHITECTURE_HEADINGS: readonly RegExp[] = [
  /\barchitecture\b/i,
  /^(?:(?:system|software|technical|high[- ]level|overall|code)\s+)?design(?:\s+(?:overview|notes|decisions|principles|choices))?$/i,
  /\b(?:project|code|codebase|repository|repo|folder|directory)\s+(?:structure|layout|organi[sz]ation)\b|\boverview of the code\b|\bcode(?:base)? overview\b/i,
  /^how (?:it|this|the app|the code) works\b/i,
];

function architectureSection<T extends { text: string }>(sections: readonly T[]): T | undefined {
  // Emoji, numbering and trailing punctuation around a heading ("🏗 Design", "3. Design:") do not change its subject.
  const bare = (t: string) => t.replace(/^[^\p{L}]+|[^\p{L})]+$/gu, '').trim();
  for (const re of ARCHITECTURE_HEADINGS) {
    const found = sections.find((s) => re.test(bare(s.text)));
    if (found) return found;
  }
  return undefined;
}
