/**
 * Whether a package script starts a framework's dev server, read from the command's text. The framework's default
 * port is only true of a script that does: `vite build --watch` serves nothing, and `node index.ts` starts the
 * project's own server (which may run Vite in middleware mode on a port of its own).
 */

// Framework CLIs and the sub-commands that serve: none (`vite`, `next`), `dev`, `serve`, `start`.
const CLI = /(?:^|[\s"'`;&|(/=])(vite|react-router|remix|astro|next|nuxi|nuxt|react-scripts|expo|svelte-kit|ng|webpack-dev-server|webpack)(?=$|[\s"'`;&|)])(?:\s+([^\s"'`;&|)]+))?/g;
const SERVES = new Set(['dev', 'serve', 'start', 'develop', 'vite:dev']);
// Commands that start something else: a script of the project's own (node, tsx, ts-node, bun, deno, nodemon).
const OWN_PROGRAM = /(?:^|[\s;&|(])(node|tsx|ts-node|ts-node-dev|bun|deno|nodemon|python3?|go|cargo|docker|docker-compose)\s/;
const DELEGATES = /(?:^|[\s;&|(])(?:npm\s+run|pnpm(?:\s+run)?|yarn(?:\s+run)?|bun\s+run)\s+([\w:.-]+)/g;
// Runners whose targets live elsewhere (turbo.json, nx project files, concurrently's npm: shorthands).
const RUNNERS = /(?:^|[\s;&|(])(turbo|nx|lerna|concurrently|npm-run-all|run-p|run-s|wireit|moon)\b/;

/**
 * true: the command runs a framework CLI's serve command; false: it runs framework CLIs only to build (or preview),
 * or runs a program of its own and nothing else; undefined: it cannot be told from the text (a task runner, a
 * script of another name that does not say).
 */
export function startsDevServer(command: string, scripts: Readonly<Record<string, unknown>> = {}, depth = 0): boolean | undefined {
  let sawCli = false;
  for (const m of command.matchAll(CLI)) {
    const sub = m[2] && !m[2].startsWith('-') ? m[2] : undefined;
    if (m[1] === 'webpack-dev-server' || (sub === undefined && m[1] !== 'react-scripts' && m[1] !== 'webpack') || (sub && SERVES.has(sub))) return true;
    sawCli = true;
  }
  let unknown = RUNNERS.test(command);
  for (const m of command.matchAll(DELEGATES)) {
    const other = scripts[m[1]];
    if (typeof other !== 'string' || depth >= 3) {
      unknown = true;
      continue;
    }
    const serves = startsDevServer(other, scripts, depth + 1);
    if (serves) return true;
    if (serves === undefined) unknown = true;
  }
  if (unknown) return undefined;
  return sawCli || OWN_PROGRAM.test(command) ? false : undefined;
}
