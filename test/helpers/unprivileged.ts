import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './fixture.js';

/** The user tests run as when they need real permission errors: root ignores file modes. */
export const NOBODY = 65534;

export const runsAsRoot = process.getuid?.() === 0;

let cached: string | undefined;

/**
 * A project root that `nobody` can read, for child processes started with `uid: NOBODY`. The checkout itself when
 * `nobody` can reach it; otherwise (a clone under a private folder, as CI's may be) a hard-linked copy of what a child
 * needs — package.json, tsconfig, src, state, dist, node_modules — under a world-readable temp folder. Hard links
 * make it instant and keep the files' own (world-readable) modes.
 */
export function readableProjectRoot(): string {
  if (!runsAsRoot) return PROJECT_ROOT;
  if (cached) return cached;
  if (canRead(path.join(PROJECT_ROOT, 'node_modules/tsx/package.json'))) return (cached = PROJECT_ROOT);
  const copy = mkdtempSync(path.join(os.tmpdir(), 'pc-readable-'));
  chmodSync(copy, 0o755);
  for (const entry of ['package.json', 'tsconfig.json', 'src', 'state', 'dist', 'node_modules']) {
    const from = path.join(PROJECT_ROOT, entry);
    if (!existsSync(from)) continue;
    try {
      execFileSync('cp', ['-al', from, copy], { stdio: 'ignore' });
    } catch {
      execFileSync('cp', ['-a', from, copy], { stdio: 'ignore' });
    }
  }
  execFileSync('chmod', ['-R', 'a+rX', copy], { stdio: 'ignore' });
  return (cached = copy);
}

function canRead(file: string): boolean {
  const r = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(file)}, require('fs').constants.R_OK)`], {
    uid: NOBODY,
    gid: NOBODY,
    stdio: 'ignore',
  });
  return r.status === 0;
}
