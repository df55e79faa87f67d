import { appendFileSync, readFileSync } from 'node:fs';
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

/**
 * CPU time of the calling thread alone, in ms (Linux: `/proc/self/task/<tid>/stat`, 10 ms ticks), or undefined
 * elsewhere. Process CPU also counts V8's background threads (the optimising compiler, the collector's helpers), which
 * on an idle machine run beside the analysis on the second core and under load inflate a step's CPU time; the
 * analysis thread's own time is the floor of the step's wall time on an idle machine. Only read when timing.
 */
export function threadCpuMs(tid: number = process.pid): number | undefined {
  if (!target || process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, closed by the last ')'): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
