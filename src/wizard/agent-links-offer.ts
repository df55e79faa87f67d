/**
 * The end of a session: offer to point AGENTS.md / CLAUDE.md at the map (see src/output/agent-links.ts). Asked only
 * in an interactive session that finished, with the output written; `--link-agents` answers yes beforehand and is
 * the only way `--yes` touches those files.
 */
import { existsSync } from 'node:fs';
import { addAgentLink, unlinkedAgentFiles } from '../output/agent-links.js';
import type { WizardUI } from './ui.js';

export interface AgentLinkResult {
  /** What to print once the screen is given back. */
  readonly lines: readonly string[];
  readonly interrupted: boolean;
}

export async function offerAgentLinks(root: string, output: string, linkAgents: boolean, ui?: WizardUI): Promise<AgentLinkResult> {
  if (!existsSync(output)) return { lines: [], interrupted: false };
  const files = unlinkedAgentFiles(root, output);
  if (files.length === 0) return { lines: [], interrupted: false };
  const names = files.map((f) => f.name).join(' and ');
  if (!linkAgents) {
    if (!ui) return { lines: [], interrupted: false };
    const answer = await ui.choose(`${names} ${files.length === 1 ? 'is' : 'are'} what AI assistants read first here. Add one line to ${files.length === 1 ? 'it' : 'each'} pointing at the map?`, [
      { value: 'add', label: `Add the line to ${names}`, hint: 'appended at the end; nothing else changes' },
      { value: 'no', label: 'No, leave them as they are', hint: '--link-agents adds it without asking' },
    ]);
    if (answer === 'interrupt') return { lines: [], interrupted: true };
    if (answer === 'no') return { lines: [], interrupted: false };
  }
  const lines: string[] = [];
  const added: string[] = [];
  for (const f of files) {
    try {
      if (addAgentLink(f.file, root, output)) added.push(f.name);
    } catch (error) {
      lines.push(`Could not add the line to ${f.name} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); it is unchanged.`);
    }
  }
  if (added.length > 0) lines.unshift(`Added a line pointing at the map to ${added.join(' and ')}.`);
  return { lines, interrupted: false };
}
