/**
 * A YAML file's lines with comments blanked out, so a regex over raw lines does not count a commented-out job's
 * `${{ secrets.X }}` as used. A comment is a `#` starting a line or following whitespace, outside quotes. The
 * content lines of a block scalar (`run: |`) are kept as written: there `#` is text, and the CI runner still
 * interpolates every `${{ … }}` in it.
 */
export function yamlLinesWithoutComments(text: string): string[] {
  const out: string[] = [];
  let blockIndent: number | undefined; // indent of the key that opened a block scalar, while inside one
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent !== undefined) {
      if (line.trim() === '' || indent > blockIndent) {
        out.push(line);
        continue;
      }
      blockIndent = undefined;
    }
    const code = stripComment(line);
    out.push(code);
    // A block scalar's content is indented deeper than its key; after `- ` the key starts past the dash.
    if (/(?:^\s*-|:)\s*[|>][+-]?[0-9]?[+-]?\s*$/.test(code)) blockIndent = (/^\s*(?:-\s+)*/.exec(code)?.[0].length ?? indent);
  }
  return out;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) {
        if (quote === "'" && line[i + 1] === "'") i++; // '' escapes a quote inside single quotes
        else quote = undefined;
      } else if (c === '\\' && quote === '"') i++;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
    else if ((c === '"' || c === "'") && (i === 0 || /[\s:\-[{,]/.test(line[i - 1]))) quote = c;
  }
  return line;
}
