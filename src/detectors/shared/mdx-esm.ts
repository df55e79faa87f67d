/**
 * The ESM of an MDX file: its top-level `import`/`export` blocks (each runs to the next blank line), with every other
 * line blanked so line numbers stay the file's. Lines inside fenced code blocks (```` ``` ````, `~~~`) and the YAML
 * frontmatter are prose, not code: an `import` shown in a code sample imports nothing.
 */
export function mdxEsmText(text: string): string {
  const lines = text.split('\n');
  const out: string[] = new Array(lines.length).fill('');
  let fence: string | undefined;
  let inEsm = false;
  let i = 0;
  // Frontmatter: `---` on the first line up to the next `---`.
  if (/^\uFEFF?---[ \t]*\r?$/.test(lines[0] ?? '')) {
    for (i = 1; i < lines.length && !/^---[ \t]*\r?$/.test(lines[i]); i++);
    i++;
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (inEsm) {
      if (line.trim() === '') inEsm = false;
      else out[i] = line;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (/^(import|export)\b/.test(line)) {
      inEsm = true;
      out[i] = line;
    }
  }
  return out.join('\n');
}
