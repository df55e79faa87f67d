/**
 * `project-context mcp [dir]`: a Model Context Protocol server over stdio. It answers "where is X" from the same
 * repository model the wizard renders (never running the repository's code, redacting exactly as the file does):
 * `find` ranks cited facts for a query, `get_section` renders one step for the current code, `check` compares
 * PROJECT-CONTEXT.md with the code, and the ten sections are resources.
 */
import { factRecordPath } from '../check/fact-record.js';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { redactSecrets } from '../secrets/redact.js';
import { STEPS } from '../steps/registry.js';
import type { StepContext } from '../steps/types.js';
import { ENTRY_KINDS, type Entry } from './entries.js';
import { rank } from './find.js';
import { LiveModel } from './live-model.js';

export interface McpOptions {
  readonly root: string;
  readonly output: string;
  readonly stateFile: string;
  readonly context: StepContext;
  readonly version: string;
}

type ToolResult = { content: { type: 'text'; text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean };

/**
 * A tool's failure is the caller's answer, never the server's end. Paths are said relative to the repository (an
 * absolute temp path reads as random text to the redaction, and the client knows the root).
 */
async function safely(root: string, run: () => Promise<ToolResult>): Promise<ToolResult> {
  try {
    return await run();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split(`${root}/`).join('');
    return { content: [{ type: 'text', text: `project-context could not answer: ${redactSecrets(message)}` }], isError: true };
  }
}

function cited(entry: Entry): string[] {
  return [...new Set(entry.at.map((c) => `/${c.file}${c.line ? `:${c.line}` : ''}`))];
}

export function createServer(options: McpOptions, live = new LiveModel(options.root, options.context, [options.output, factRecordPath(options.output), options.stateFile])): McpServer {
  const server = new McpServer({ name: 'project-context', version: options.version });

  server.registerTool(
    'find',
    {
      title: 'Find where something is in the code',
      description:
        'Facts of the repository matching a query — an endpoint (`POST /v1/orders`, `/orders`), a table or model, an environment variable, a page route, an SDK method, a stack, a package, a Lambda, a queue — ranked, each with its kind, a one-line summary and path:line citations.',
      inputSchema: {
        query: z.string().trim().min(1).max(300).describe('What to look for, in free text'),
        kind: z.enum(ENTRY_KINDS).optional().describe('Only facts of this kind'),
        limit: z.number().int().min(1).max(50).optional().describe('At most this many results (default 10)'),
      },
    },
    ({ query, kind, limit }) =>
      safely(options.root, async () => {
        const entries = await live.allEntries();
        const matches = rank(entries, query, kind).slice(0, limit ?? 10);
        const results = matches.map(({ entry }) => ({
          kind: entry.kind,
          title: redactSecrets(entry.title),
          summary: redactSecrets(entry.summary),
          citations: cited(entry),
        }));
        const counts: Record<string, number> = {};
        for (const e of entries) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
        const searched = Object.entries(counts)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => `${n} ${k}`)
          .join(', ');
        const text =
          results.length > 0
            ? results.map((r) => `[${r.kind}] ${r.summary}\n  ${r.citations.slice(0, 6).join(', ')}`).join('\n')
            : `Nothing matches "${redactSecrets(query)}"${kind ? ` among ${kind} facts` : ''}. Searched ${searched || 'no facts'}.`;
        return { content: [{ type: 'text', text }], structuredContent: { query, results, searched: counts } };
      }),
  );

  server.registerTool(
    'get_section',
    {
      title: 'One section of the map',
      description: 'The markdown of one of the ten steps of PROJECT-CONTEXT.md, generated from the current code.',
      inputSchema: { step: z.number().int().min(1).max(STEPS.length).describe(`Step number, 1 to ${STEPS.length}`) },
    },
    ({ step }) =>
      safely(options.root, async () => {
        const section = await live.section(step);
        return { content: [{ type: 'text', text: section.markdown }], structuredContent: { step, title: section.title } };
      }),
  );

  server.registerTool(
    'check',
    {
      title: 'Is PROJECT-CONTEXT.md current?',
      description: "Compares the repository's PROJECT-CONTEXT.md with the code: missing paths, changed facts, hand-edited sections.",
      inputSchema: {},
    },
    () =>
      safely(options.root, async () => {
        const { checkOutput, formatCheck } = await import('../check/check.js');
        const report = await checkOutput(options.root, options.output, options.context, [options.output, factRecordPath(options.output), options.stateFile], { stateFile: options.stateFile });
        return { content: [{ type: 'text', text: formatCheck(report) }], structuredContent: JSON.parse(JSON.stringify(report)) as Record<string, unknown> };
      }),
  );

  server.registerResource(
    'section',
    new ResourceTemplate('project-context://section/{step}', {
      list: async () => ({
        resources: STEPS.map((s) => ({ uri: `project-context://section/${s.number}`, name: `Step ${s.number} — ${s.title}`, mimeType: 'text/markdown' })),
      }),
    }),
    { title: 'A section of the map', description: 'One step of PROJECT-CONTEXT.md for the current code', mimeType: 'text/markdown' },
    async (uri, { step }) => {
      const n = Number(step);
      if (!Number.isInteger(n) || n < 1 || n > STEPS.length) throw new Error(`There is no section ${String(step)}; sections are 1 to ${STEPS.length}.`);
      const section = await live.section(n);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: section.markdown }] };
    },
  );
  return server;
}

export async function runMcpServer(options: McpOptions): Promise<void> {
  const live = new LiveModel(options.root, options.context, [options.output, factRecordPath(options.output), options.stateFile]);
  const server = createServer(options, live);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  // The server lives until the client closes stdin.
  await new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  live.close();
}
