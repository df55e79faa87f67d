/**
 * Compose escapes a dollar as `$$`: `$$X` / `$${X}` reaches the container as `$X`, which a shell there expands from the
 * container's environment (`mysqladmin ping -p"$$MYSQL_ROOT_PASSWORD"`). Only commands a shell runs count: a
 * healthcheck `test` written as a string or `CMD-SHELL`, and a `command` / `entrypoint` / `CMD` test that starts a
 * shell (`sh -c …`). An exec-form command hands `$X` to the program as literal text.
 */
import { isScalar, type Document, type Node } from 'yaml';
import { isEnvName } from './names.js';
import { get, items, text, type YamlFile } from './yaml.js';

const ESCAPED = /(?<!\$)\$\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** `sh -c`, `/bin/bash -ec`, `ash -lc`: a shell running the next argument. */
const SHELL = /(^|[\s/"'])(sh|bash|ash|dash|zsh)\s+(-\w*\s+)*-\w*c\w*\b/;

export function shellReads(doc: Document.Parsed, service: Node | null, source: string, yaml: YamlFile): { name: string; line: number; what: string }[] {
  const out: { name: string; line: number; what: string }[] = [];
  const scan = (node: Node | null, what: string, shell: (words: string) => boolean) => {
    const parts = text(node) !== undefined ? [node as Node] : items(doc, node).filter((n) => isScalar(n));
    if (parts.length === 0 || !shell(parts.map((p) => text(p) ?? '').join(' '))) return;
    for (const part of parts) {
      if (!part.range) continue;
      const raw = source.slice(part.range[0], part.range[1]);
      if (!raw.includes('$$')) continue;
      const first = yaml.line(part);
      for (const m of raw.matchAll(ESCAPED)) {
        const name = m[1] ?? m[2];
        // The line of the match inside the scalar (a block scalar spans lines).
        const line = first + (raw.slice(0, m.index).match(/\n/g)?.length ?? 0);
        if (isEnvName(name) && !out.some((o) => o.name === name && o.line === line)) out.push({ name, line, what });
      }
    }
  };
  const test = get(doc, get(doc, service, 'healthcheck'), 'test');
  // A string test runs in a shell, as `CMD-SHELL` does; `CMD` runs the program itself.
  scan(test, 'healthcheck', (words) => text(test) !== undefined || /^CMD-SHELL\b/.test(words) || SHELL.test(words));
  scan(get(doc, service, 'command'), 'command', (words) => SHELL.test(words));
  scan(get(doc, service, 'entrypoint'), 'entrypoint', (words) => SHELL.test(words));
  return out;
}
