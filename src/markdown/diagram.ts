import { oneLine } from './text.js';

export interface DiagramBox {
  readonly title: string;
  /** Up to three short lines under the title. */
  readonly lines?: readonly string[];
}

/**
 * A top-to-bottom layered ASCII diagram: each layer is a row of boxes, and an arrow row joins consecutive layers.
 * Used for the high-level architecture of components actually detected, so an empty layer is simply left out.
 */
export function layeredDiagram(layers: readonly (readonly DiagramBox[])[], maxWidth = 96): string {
  const rows = layers.filter((l) => l.length > 0);
  const out: string[] = [];
  rows.forEach((layer, i) => {
    const layerStart = out.length;
    const boxes = layer.map((b) => boxLines(b));
    const widthOf = (b: string[]) => b[0].length;
    // Wrap a layer that would be too wide into several rows.
    const chunks: string[][][] = [[]];
    let used = 0;
    for (const b of boxes) {
      if (used > 0 && used + 3 + widthOf(b) > maxWidth) {
        chunks.push([]);
        used = 0;
      }
      chunks[chunks.length - 1].push(b);
      used += (used > 0 ? 3 : 0) + widthOf(b);
    }
    for (const chunk of chunks) {
      // Each wrapped row is as tall as its own boxes, so no blank lines appear between rows.
      const rowHeight = Math.max(...chunk.map((b) => b.length));
      for (let r = 0; r < rowHeight; r++) {
        out.push(
          chunk
            .map((b) => b[r] ?? ' '.repeat(widthOf(b)))
            .join('   ')
            .trimEnd(),
        );
      }
    }
    if (i < rows.length - 1) {
      const width = Math.min(maxWidth, Math.max(...out.slice(layerStart).map((l) => l.length)));
      const mid = Math.floor(width / 2);
      out.push(`${' '.repeat(mid)}│`, `${' '.repeat(mid)}▼`);
    }
  });
  return out.join('\n');
}

function boxLines(box: DiagramBox): string[] {
  const content = [oneLine(box.title), ...(box.lines ?? []).slice(0, 3).map(oneLine)].map((l) => truncate(l, 28));
  const inner = Math.max(...content.map((l) => l.length)) + 2;
  const top = `┌${'─'.repeat(inner)}┐`;
  const bottom = `└${'─'.repeat(inner)}┘`;
  const body = content.map((l, i) => {
    if (i === 0) {
      const left = Math.floor((inner - l.length) / 2);
      return `│${' '.repeat(left)}${l}${' '.repeat(inner - l.length - left)}│`;
    }
    return `│ ${l.padEnd(inner - 1)}│`;
  });
  return [top, ...body, bottom];
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The same layered picture as a Mermaid flowchart, which GitHub and many editors draw: one subgraph per non-empty
 * layer, top to bottom, an arrow from each layer to the next. Labels are quoted and every character Mermaid or HTML
 * could read as syntax is written as an entity code, so repository text cannot break out of a label.
 */
export function layeredMermaid(layers: readonly { readonly name: string; readonly boxes: readonly DiagramBox[] }[]): string {
  const shown = layers.filter((l) => l.boxes.length > 0);
  const out = ['flowchart TD'];
  let node = 0;
  shown.forEach((layer, i) => {
    out.push(`  subgraph L${i + 1}["${mermaidText(layer.name)}"]`);
    for (const box of layer.boxes) {
      const label = [box.title, ...(box.lines ?? []).slice(0, 3)].map((l) => mermaidText(truncate(oneLine(l), 40))).join('<br/>');
      out.push(`    N${++node}["${label}"]`);
    }
    out.push('  end');
  });
  for (let i = 1; i < shown.length; i++) out.push(`  L${i} --> L${i + 1}`);
  return out.join('\n');
}

function mermaidText(text: string): string {
  return oneLine(text).replace(/[#"<>`&]/g, (c) => `#${c.charCodeAt(0)};`);
}
