import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE } from './fixture.js';

/** A throwaway copy of the bundled example (or a tiny repo), so tests can write PROJECT-CONTEXT.md and state freely. */
export function tempExample(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-example-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

export function tempRepo(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-repo-'));
  const all = {
    'package.json': JSON.stringify({ name: 'tiny', version: '1.0.0', description: 'A tiny package.' }),
    'README.md': '# Tiny\n\nA tiny package for tests.\n',
    'src/index.ts': 'export const answer = 42;\n',
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
