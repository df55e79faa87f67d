/**
 * A module directive (`'use client'`, `'use server'`) in force: the first statement of the file, after any comments
 * (an `/* eslint-disable … *\/` line often comes first) and other directives.
 */
export function hasFileDirective(text: string, directive: 'use client' | 'use server'): boolean {
  const re = /(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|(['"])([^'"\n]*)\1\s*;?)/y;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0].length === 0) return false;
    if (m[2] === directive) return true;
    i += m[0].length;
  }
}
