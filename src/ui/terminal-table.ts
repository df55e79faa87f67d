import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

const MIN_COLUMN = 6;

/**
 * Lays out a table within `width` columns: cells wrap inside their column instead of the whole row wrapping across
 * the screen. When even minimal columns do not fit, each row is printed as a small record (`Header: value`).
 */
export function layoutTable(headers: readonly string[], rows: readonly (readonly string[])[], width: number, dim: (s: string) => string): string {
  const count = headers.length;
  const borders = 3 * count + 1;
  if (count * MIN_COLUMN + borders > width) return records(headers, rows, width, dim);

  const natural = headers.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const widths = fit(natural, width - borders);
  const line = (l: string, m: string, r: string) => dim(`${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`);
  const renderRow = (cells: readonly string[]): string[] => {
    const wrapped = widths.map((w, i) => wrapAnsi(cells[i] ?? '', w, { hard: true, trim: true }).split('\n'));
    const height = Math.max(...wrapped.map((c) => c.length));
    const out: string[] = [];
    for (let r = 0; r < height; r++) {
      const parts = wrapped.map((c, i) => {
        const text = c[r] ?? '';
        return ` ${text}${' '.repeat(Math.max(0, widths[i] - stringWidth(text)))} `;
      });
      out.push(`${dim('│')}${parts.join(dim('│'))}${dim('│')}`);
    }
    return out;
  };
  return [
    line('┌', '┬', '┐'),
    ...renderRow(headers),
    line('├', '┼', '┤'),
    ...rows.flatMap((r) => renderRow(r)),
    line('└', '┴', '┘'),
  ].join('\n');
}

/** Shrinks the widest columns first until the total fits. */
function fit(natural: readonly number[], available: number): number[] {
  const widths = natural.map((n) => Math.max(1, n));
  let total = widths.reduce((a, b) => a + b, 0);
  while (total > available) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_COLUMN) break;
    widths[widest] -= 1;
    total -= 1;
  }
  return widths;
}

function records(headers: readonly string[], rows: readonly (readonly string[])[], width: number, dim: (s: string) => string): string {
  const labelWidth = Math.min(16, Math.max(...headers.map((h) => stringWidth(h))));
  const out: string[] = [];
  for (const row of rows) {
    headers.forEach((h, i) => {
      const label = `${h}:`.padEnd(labelWidth + 2);
      const value = wrapAnsi(row[i] ?? '', Math.max(10, width - labelWidth - 2), { hard: true, trim: true }).split('\n');
      out.push(`${dim(label)}${value[0] ?? ''}`, ...value.slice(1).map((v) => `${' '.repeat(labelWidth + 2)}${v}`));
    });
    out.push(dim('─'.repeat(Math.min(width, 40))));
  }
  return out.join('\n');
}
