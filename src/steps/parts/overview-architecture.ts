import type { FactSet } from '../../facts.js';
import { LAYERS, type ComponentFact, type Layer } from '../../detectors/stack/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { layeredDiagram } from '../../markdown/diagram.js';
import { codeBlock } from '../../markdown/blocks.js';
import { oneLine } from '../../markdown/text.js';

const LAYER_NAMES: Record<Layer, string> = {
  client: 'Clients',
  edge: 'Edge & API',
  compute: 'Compute & messaging',
  data: 'Data, auth & services',
};

/** The ASCII diagram of detected components (clients on top) and a table of the evidence for each box. */
export function architecture(facts: FactSet): string {
  const components = facts.of<ComponentFact>('stack.component').map((f) => f.data);
  const title = heading(3, 'High-level architecture');
  if (components.length === 0) {
    return join(title, 'No deployable components detected (no app framework, HTTP server, CDK constructs or data-store client in any package.json).');
  }
  const layers = LAYERS.map((layer) =>
    components.filter((c) => c.layer === layer).map((c) => ({ title: c.title, lines: c.lines })),
  );
  const rows = components.map((c) => {
    const shown = c.evidence.slice(0, 3).map((e) => `${cite(e.file, e.line)}${e.what ? ` ${evidenceText(e.what)}` : ''}`);
    if (c.evidence.length > 3) shown.push(`+${c.evidence.length - 3} more`);
    return [oneLine(c.title), LAYER_NAMES[c.layer], shown.join('; ')];
  });
  return join(
    title,
    'Components detected from package.json dependencies and a text scan of CDK code (top: clients; arrows: request flow, roughly):',
    codeBlock(layeredDiagram(layers), 'text'),
    table(['Component', 'Layer', 'Evidence'], rows),
  );
}

/** `new apigw.RestApi` → "(`new apigw.RestApi`)"; `react, vite dependencies` → "(react, vite dependencies)". */
function evidenceText(what: string): string {
  return what.startsWith('new ') ? `(\`${oneLine(what)}\`)` : `(${oneLine(what)})`;
}
