/**
 * Lambda code written inline in a CloudFormation template (`Code: ZipFile: |`, SAM `InlineCode: |`): its
 * `os.environ['X']` / `process.env.X` are reads like any source file's, cited at the template line, so a variable the
 * template sets for that function is not called "not read by the code".
 */
import type { RawRead } from './raw-reads.js';
import { envReadsInText, pythonEnv } from './reads-text.js';

/** The cheap test before the scan. */
export const INLINE_CODE_TEXT = /\b(ZipFile|InlineCode)"?\s*:/;

const KEY = /^(\s*)"?(?:ZipFile|InlineCode)"?\s*:(.*)$/;

export function inlineCodeReads(text: string): RawRead[] {
  const lines = text.split('\n');
  const out: RawRead[] = [];
  for (let i = 0; i < lines.length; i++) {
    const key = KEY.exec(lines[i]);
    if (!key) continue;
    // The code is the rest of the key's line and every following line indented deeper than the key (a block
    // scalar, or a JSON/YAML `Fn::Join` list of lines).
    const keyIndent = key[1].length;
    let end = i + 1;
    while (end < lines.length && (lines[end].trim() === '' || indent(lines[end]) > keyIndent)) end++;
    const body = lines.slice(i + 1, end);
    const depth = Math.min(...body.filter((l) => l.trim() !== '').map(indent), Number.MAX_SAFE_INTEGER);
    const code = [key[2], ...body.map((l) => l.slice(Math.min(depth, indent(l))))].join('\n');
    // Line 1 of `code` is the key's line (i + 1 in the template).
    const shift = (r: RawRead): RawRead => ({ ...r, line: r.line + i });
    out.push(...envReadsInText(code).map(shift));
    if (/environ|getenv/.test(code)) out.push(...pythonEnv(code).reads.map(shift));
    i = end - 1;
  }
  return out;
}

function indent(line: string): number {
  return line.length - line.trimStart().length;
}
