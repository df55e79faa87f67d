/**
 * AGENTS.md (read by Codex, Cursor, Copilot and others) and CLAUDE.md (Claude Code) are what AI assistants read first
 * in a repository. When they exist, the wizard offers to add one line pointing at PROJECT-CONTEXT.md, so an assistant
 * finds the map; it never creates them and never writes without a yes (or --link-agents). A file that already
 * mentions the output is left alone, so asking twice adds nothing twice.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';

export const AGENT_FILES = ['AGENTS.md', 'CLAUDE.md'] as const;

export interface AgentFile {
  /** The file's name at the repository root (AGENTS.md, CLAUDE.md). */
  readonly name: string;
  readonly file: string;
}

/**
 * The agent files at `root` that do not point at `output` yet. None when the output is outside the repository (a
 * link from the repository to it would not resolve for anyone else).
 */
export function unlinkedAgentFiles(root: string, output: string): AgentFile[] {
  const target = linkTarget(root, output);
  if (target === undefined) return [];
  return AGENT_FILES.flatMap((name) => {
    const file = path.join(root, name);
    try {
      // A symlink (CLAUDE.md → AGENTS.md is common) is written through only once: via the file it points at.
      if (!lstatSync(file).isFile()) return [];
      return mentions(readFileSync(file, 'utf8'), target) ? [] : [{ name, file }];
    } catch {
      return [];
    }
  });
}

/** The line added: a markdown link relative to the repository root, where both files are. */
export function pointerLine(root: string, output: string): string {
  const target = linkTarget(root, output) ?? path.basename(output);
  return `See [${path.posix.basename(target)}](${target.replace(/ /g, '%20')}) for the map of this repository: where each part of the code is, with the files to open first.`;
}

/** Appends the pointer to `file` (keeping its line endings); false when it was already there. */
export function addAgentLink(file: string, root: string, output: string): boolean {
  const text = readFileSync(file, 'utf8');
  const target = linkTarget(root, output);
  if (target === undefined || mentions(text, target)) return false;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const separator = text === '' ? '' : text.endsWith(eol) ? eol : `${eol}${eol}`;
  writeFileAtomic(file, `${text}${separator}${pointerLine(root, output)}${eol}`);
  return true;
}

function linkTarget(root: string, output: string): string | undefined {
  const relative = path.relative(root, output).split(path.sep).join('/');
  return relative === '' || relative.startsWith('../') || path.isAbsolute(relative) ? undefined : relative;
}

function mentions(text: string, target: string): boolean {
  return text.includes(target) || text.includes(target.replace(/ /g, '%20'));
}
