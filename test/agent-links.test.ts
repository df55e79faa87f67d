/**
 * The pointer to PROJECT-CONTEXT.md in AGENTS.md / CLAUDE.md: added only to files that exist, once, keeping their
 * line endings; `--yes` touches them only with --link-agents.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli/args.js';
import { addAgentLink, pointerLine, unlinkedAgentFiles } from '../src/output/agent-links.js';
import { CLI } from './helpers/pty.js';
import { tempRepo } from './helpers/temp-repo.js';

const POINTER = 'See [PROJECT-CONTEXT.md](PROJECT-CONTEXT.md) for the map of this repository';

describe('agent files', () => {
  it('only the ones that exist and do not mention the output yet; never one outside the repository', () => {
    const root = tempRepo({ 'AGENTS.md': '# Agents\n\nRun npm test.\n' });
    const output = path.join(root, 'PROJECT-CONTEXT.md');
    expect(unlinkedAgentFiles(root, output).map((f) => f.name)).toEqual(['AGENTS.md']);
    writeFileSync(path.join(root, 'CLAUDE.md'), 'Read PROJECT-CONTEXT.md first.\n');
    expect(unlinkedAgentFiles(root, output).map((f) => f.name)).toEqual(['AGENTS.md']);
    expect(unlinkedAgentFiles(root, '/elsewhere/PROJECT-CONTEXT.md')).toEqual([]);
  });

  it('appends one line, keeps CRLF, and adds nothing the second time', () => {
    const root = tempRepo({ 'AGENTS.md': '# Agents\r\n\r\nRun npm test.' });
    const file = path.join(root, 'AGENTS.md');
    const output = path.join(root, 'docs/PROJECT-CONTEXT.md');
    expect(addAgentLink(file, root, output)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`# Agents\r\n\r\nRun npm test.\r\n\r\n${pointerLine(root, output)}\r\n`);
    expect(pointerLine(root, output)).toContain('[PROJECT-CONTEXT.md](docs/PROJECT-CONTEXT.md)');
    expect(addAgentLink(file, root, output)).toBe(false);
    expect(readFileSync(file, 'utf8').split('docs/PROJECT-CONTEXT.md')).toHaveLength(2);
  });

  it('a CLAUDE.md that is a symlink to AGENTS.md is written through once, via AGENTS.md', () => {
    const root = tempRepo({ 'AGENTS.md': '# Agents\n' });
    symlinkSync('AGENTS.md', path.join(root, 'CLAUDE.md'));
    expect(unlinkedAgentFiles(root, path.join(root, 'PROJECT-CONTEXT.md')).map((f) => f.name)).toEqual(['AGENTS.md']);
  });
});

describe('--yes', () => {
  it('leaves AGENTS.md and CLAUDE.md alone without --link-agents, and adds the line with it, once', () => {
    const root = tempRepo({ 'AGENTS.md': '# Agents\n', 'CLAUDE.md': '# Claude\n' });
    const run = (...extra: string[]) => execFileSync(process.execPath, [CLI, root, '--yes', '--steps', '1', ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run();
    expect(readFileSync(path.join(root, 'AGENTS.md'), 'utf8')).toBe('# Agents\n');
    expect(readFileSync(path.join(root, 'CLAUDE.md'), 'utf8')).toBe('# Claude\n');
    run('--link-agents', '--restart');
    run('--link-agents', '--restart');
    for (const name of ['AGENTS.md', 'CLAUDE.md']) {
      const text = readFileSync(path.join(root, name), 'utf8');
      expect(text.split(POINTER)).toHaveLength(2);
      expect(text.endsWith('first.\n')).toBe(true);
    }
  });

  it('creates neither file when the repository has none', () => {
    const root = tempRepo();
    execFileSync(process.execPath, [CLI, root, '--yes', '--steps', '1', '--link-agents'], { stdio: 'ignore' });
    expect(existsSync(path.join(root, 'AGENTS.md'))).toBe(false);
    expect(existsSync(path.join(root, 'CLAUDE.md'))).toBe(false);
  });

  it('--link-agents does not go with --check or --json', () => {
    expect(() => parseCli(['--check', '--link-agents'])).toThrow('--link-agents goes with a run that writes the map');
    expect(parseCli(['--yes', '--link-agents']).linkAgents).toBe(true);
  });
});
