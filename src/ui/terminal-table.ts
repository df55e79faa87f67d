import { textWidth } from './text-width.js';
import { longestUnbreakable, wrapStyled } from './wrap-cell.js';

const MIN_COLUMN = 6;

/**
 * Lays out a table within `width` columns: cells wrap inside their column instead of the whole row wrapping across
 * the screen. When even minimal columns do not fit, each row is printed as a small record (`Header: value`).
 */
export function layoutTable(headers: readonly string[], rows: readonly (readonly string[])[], width: number, dim: (s: string) => string): string {
  const count = headers.length;
  const borders = 3 * count + 1;
  if (count * MIN_COLUMN + borders > width) return records(headers, rows, width, dim);

  const natural = headers.map((h, i) => Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i] ?? ''))));
  const lengths = [headers, ...rows].map((r) => headers.map((_, i) => textWidth(r[i] ?? '')));
  // A column is never narrower than its longest word: `API Gatewa` + `y` reads as two words.
  const words = headers.map((h, i) => Math.max(MIN_COLUMN, longestUnbreakable(h), ...rows.map((r) => longestUnbreakable(r[i] ?? ''))));
  if (words.reduce((a, b) => a + b, 0) > width - borders) return records(headers, rows, width, dim);
  const widths = fit(natural, width - borders, lengths, words);
  const line = (l: string, m: string, r: string) => dim(`${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`);
  const renderRow = (cells: readonly string[]): string[] => {
    const wrapped = widths.map((w, i) => wrapStyled(cells[i] ?? '', w));
    const height = Math.max(...wrapped.map((c) => c.length));
    const out: string[] = [];
    for (let r = 0; r < height; r++) {
      const parts = wrapped.map((c, i) => {
        const text = c[r] ?? '';
        return ` ${text}${' '.repeat(Math.max(0, widths[i] - textWidth(text)))} `;
      });
      out.push(`${dim('│')}${parts.join(dim('│'))}${dim('│')}`);
    }
    return out;
  };
  const body = rows.map((r) => renderRow(r));
  // A table whose rows wrap onto many lines reads better as records, one labelled line per cell.
  const wrappedRows = body.reduce((n, r) => n + r.length, 0);
  if (rows.length > 0 && wrappedRows / rows.length > RECORDS_ABOVE) return records(headers, rows, width, dim);
  return [line('┌', '┬', '┐'), ...renderRow(headers), line('├', '┼', '┤'), ...body.flat(), line('└', '┴', '┘')].join('\n');
}

/** Average screen rows per table row above which the table is shown as records instead. */
const RECORDS_ABOVE = 2.5;

/**
 * Column widths within `available`: each column asks for what most of its cells need (the 80th percentile, so one
 * long note does not claim a third of the screen), the widest requests shrink first until they fit, and any columns
 * left over go to the columns whose longest cells still wrap.
 */
function fit(natural: readonly number[], available: number, lengths: readonly (readonly number[])[], minimum: readonly number[]): number[] {
  const wanted = natural.map((max, i) => {
    const sorted = lengths.map((row) => row[i]).sort((a, b) => a - b);
    return Math.max(minimum[i], Math.min(max, sorted[Math.floor((sorted.length - 1) * 0.8)] ?? max));
  });
  const widths = [...wanted];
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    // The widest column that can still give a column without cutting a word.
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i] > minimum[i] && (widest < 0 || widths[i] > widths[widest])) widest = i;
    if (widest < 0) break;
    widths[widest] -= 1;
    total -= 1;
  }
  for (let spare = available - total; spare > 0; ) {
    const open = widths.map((w, i) => i).filter((i) => widths[i] < natural[i]);
    if (open.length === 0) break;
    for (const i of open) {
      if (spare === 0) break;
      widths[i] += 1;
      spare -= 1;
    }
  }
  return widths;
}

function records(headers: readonly string[], rows: readonly (readonly string[])[], width: number, dim: (s: string) => string): string {
  const labels = headers.map((h) => `${h.replace(/\u001b\[[0-9;]*m/g, '')}:`);
  const labelWidth = Math.min(18, Math.max(...labels.map((l) => textWidth(l))) + 1);
  const out: string[] = [];
  for (const row of rows) {
    headers.forEach((_, i) => {
      if (i > 0 && /^(—|-|)$/.test((row[i] ?? '').replace(/\u001b\[[0-9;]*m/g, '').trim())) return;
      const label = labels[i].padEnd(labelWidth);
      const value = wrapStyled(row[i] ?? '', Math.max(10, width - labelWidth));
      out.push(`${dim(label)}${value[0] ?? ''}`, ...value.slice(1).map((v) => `${' '.repeat(labelWidth)}${v}`));
    });
    out.push(dim('─'.repeat(Math.min(width, 40))));
  }
  return out.join('\n');
}
