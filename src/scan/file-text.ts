/** Turning a file's bytes into text the analysis can use, and the checks that keep pathological files out. */

/**
 * A file's text: UTF-8, or UTF-16 when it starts with a byte-order mark (Windows tools write it: `supabase gen types
 * > types.ts` in PowerShell gives a UTF-16 TypeScript file). Undefined for binary content (NUL bytes otherwise).
 */
export function decodeText(bytes: Buffer): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return swapped.swap16().toString('utf16le');
  }
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  return bytes.toString('utf8');
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Bracket nesting beyond which a file is not parsed (real code stays far below 100). */
export const MAX_NESTING = 400;

/** Deepest bracket nesting of a text, counted cheaply (strings and comments included: an upper bound is enough). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b || c === 0x28) {
      depth += 1;
      if (depth > max) max = depth;
    } else if ((c === 0x7d || c === 0x5d || c === 0x29) && depth > 0) depth -= 1;
  }
  return max;
}
