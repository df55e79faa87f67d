import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * An opt-in measuring channel for `npm run bench`: with `PROJECT_CONTEXT_TIMINGS=<file>` set, the CLI appends one JSON
 * line per milestone (`{event, ms, rss, ...}`; `ms` counts from process start, `rss` is bytes now) and, at exit, the
 * peak RSS and CPU time the process used. Without the variable every call is a no-op, so this never costs a user
 * anything, and it writes nothing about the analysed repository beyond step numbers and counts.
 */
// The analysis worker reports through the main thread, whose clock and resource usage cover the whole process.
const target = isMainThread ? process.env.PROJECT_CONTEXT_TIMINGS : undefined;
let exitHooked = false;

export function timing(event: string, extra: Record<string, string | number> = {}): void {
  if (!target) return;
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      const usage = process.resourceUsage();
      write('exit', {
        maxRssKb: usage.maxRSS,
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
      });
    });
  }
  write(event, extra);
}

function write(event: string, extra: Record<string, string | number>): void {
  const line = { event, ms: Math.round(performance.now()), rss: process.memoryUsage.rss(), ...extra };
  try {
    appendFileSync(target as string, `${JSON.stringify(line)}\n`);
  } catch {
    // measuring must never break a run
  }
}
