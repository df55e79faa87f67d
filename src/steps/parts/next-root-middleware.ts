/**
 * Step 3's line for a Next.js app's root middleware (`middleware.ts`, `proxy.ts`): it runs before the pages and routes
 * its matcher covers, and often guards them (a session check), so the backend section names it with its matcher and
 * the paths its code tests, rather than leaving it to the page steps.
 */
import { frontendApps } from '../../detectors/frontend-build/apps.js';
import { nextMiddleware } from '../../detectors/shared/next-middleware.js';
import { bullets } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine, urlPath } from '../../markdown/text.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export function nextRootMiddlewarePart(index: RepoIndex): string {
  const lines = frontendApps(index)
    .filter((app) => app.framework === 'next')
    .flatMap((app) => {
      const mw = nextMiddleware(index, app.dir);
      if (!mw) return [];
      const list = mw.matchers.slice(0, 3).map(urlPath).join(', ') + (mw.matchers.length > 3 ? ` +${mw.matchers.length - 3} more` : '');
      const where = mw.matchers.length ? `the paths its \`config.matcher\` covers (${list})` : 'every path (no matcher)';
      const tests = mw.pathChecks.slice(0, 3).map((c) => `${urlPath(c.path)} at ${cite(mw.file, c.line)}`);
      const acts = tests.length ? `; its code tests the path (${tests.join(', ')})` : '';
      return [`Next.js middleware ${code(oneLine(mw.name))} (${cite(mw.file, mw.line)}) runs before the pages and routes at ${where}${acts}.`];
    });
  return lines.length ? bullets(lines) : '';
}
