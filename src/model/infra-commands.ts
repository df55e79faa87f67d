/**
 * How an infrastructure-as-code project is deployed (and, for SST, run locally): the tool's own command, named from
 * the project's config file, and the README line that shows it when a README does. Read as text, never run.
 */
import type { InfraProjectData, InfraTool } from '../detectors/other-infra/types.js';
import type { RepoIndex } from '../scan/repo-index.js';

export type InfraVerb = 'deploy' | 'dev';

export interface InfraCommand {
  readonly tool: InfraTool;
  /** `SST app`, `Serverless Framework service`, … */
  readonly what: string;
  /** The config file that makes it that kind of project. */
  readonly project: { readonly file: string; readonly line: number };
  /** The tool's command, run in the project's folder (`sst deploy`, `sam build && sam deploy`). */
  readonly command: string;
  /** The folder to run it in, '' at the repository root. */
  readonly dir: string;
  /** The command as a README writes it (`npx sst deploy --stage production`), with where. */
  readonly readme?: { readonly file: string; readonly line: number; readonly text: string };
}

interface ToolCommands {
  readonly what: string;
  readonly deploy: string;
  readonly dev?: string;
  /** The command written in a README, with a runner prefix (`npx`, `pnpm exec`) and flags. */
  readonly written: Partial<Record<InfraVerb, RegExp>>;
}

const RUNNER = String.raw`(?:(?:npx|bunx|pnpm(?:\s+(?:exec|dlx))?|yarn(?:\s+dlx)?)\s+)?`;
const FLAGS = String.raw`(?:[ \t]+[^\s\x60'"$;&|<>]+)*`;
const written = (cmd: string) => new RegExp(String.raw`(?<![\w-])${RUNNER}${cmd}${FLAGS}`);

/** Tools whose projects are deployed by their own CLI; plain CloudFormation templates have no one way. */
const TOOLS: Partial<Record<InfraTool, ToolCommands>> = {
  sst: { what: 'SST app', deploy: 'sst deploy', dev: 'sst dev', written: { deploy: written('sst\\s+deploy\\b'), dev: written('sst\\s+dev\\b') } },
  serverless: { what: 'Serverless Framework service', deploy: 'serverless deploy', written: { deploy: written('(?:serverless|sls)\\s+deploy\\b') } },
  sam: { what: 'AWS SAM template', deploy: 'sam build && sam deploy', written: { deploy: written('sam\\s+deploy\\b') } },
  terraform: { what: 'Terraform configuration', deploy: 'terraform apply', written: { deploy: written('terraform\\s+apply\\b') } },
  wrangler: { what: 'Cloudflare Worker', deploy: 'wrangler deploy', written: { deploy: written('wrangler\\s+(?:deploy|publish)\\b') } },
};

const README = /(^|\/)readme(\.[\w-]+)?\.(md|mdx|markdown|txt)$/i;

/** One entry per project whose tool has a `verb` command, in the order the projects were found. */
export function infraCommands(index: RepoIndex, projects: readonly InfraProjectData[], verb: InfraVerb): InfraCommand[] {
  const out: InfraCommand[] = [];
  for (const p of projects) {
    const tool = TOOLS[p.tool];
    const command = tool?.[verb];
    const dir = p.file.includes('/') ? p.file.slice(0, p.file.lastIndexOf('/')) : '';
    // A Terraform module is applied through the configuration that uses it, not on its own.
    if (!tool || !command || (p.tool === 'terraform' && /(^|\/)modules(\/|$)/.test(dir))) continue;
    // A Pages project is deployed by its host's build (or `wrangler pages deploy <dir>`), not `wrangler deploy`.
    if (p.tool === 'wrangler' && p.runtime === 'Cloudflare Pages') continue;
    // A config that deploys nothing by itself (a wrangler config without `main`) has no deploy command.
    if (p.notDeployed) continue;
    const pattern = tool.written[verb];
    const readme = pattern ? readmeLine(index, dir, pattern) : undefined;
    out.push({ tool: p.tool, what: tool.what, project: { file: p.file, line: p.line }, command, dir, ...(readme ? { readme } : {}) });
  }
  return out;
}

/** The first line showing the command in the README of the project's folder, else of a folder above it. */
function readmeLine(index: RepoIndex, dir: string, pattern: RegExp): InfraCommand['readme'] {
  const folders = dir ? dir.split('/').map((_, i, parts) => parts.slice(0, parts.length - i).join('/')).concat('') : [''];
  for (const folder of folders) {
    for (const file of index.files.filter((f) => README.test(f) && f.slice(0, f.lastIndexOf('/') + 1) === (folder ? `${folder}/` : ''))) {
      const lines = (index.read(file) ?? '').split('\n');
      let fenced = false;
      for (let i = 0; i < lines.length; i++) {
        if (/^\s*(```|~~~)/.test(lines[i])) {
          fenced = !fenced;
          continue;
        }
        // Only code: a fenced block's line or an inline `span`; prose ("run sst deploy to ship it") is not a command.
        for (const code of fenced ? [lines[i]] : [...lines[i].matchAll(/`([^`]+)`/g)].map((m) => m[1])) {
          const m = pattern.exec(code);
          if (m) return { file, line: i + 1, text: m[0].trim().slice(0, 100) };
        }
      }
    }
  }
  return undefined;
}
