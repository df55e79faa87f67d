/** Queues, workers, workflows and schedules: the code that runs outside a request, with where each is declared. */
import type { JobData, JobFact, JobKind } from '../../detectors/jobs/index.js';
import type { FactSet } from '../../facts.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, oneLine, urlPath } from '../../markdown/text.js';

const KIND: Record<JobKind, string> = {
  queue: 'queue',
  worker: 'queue worker',
  schedule: 'schedule',
  workflow: 'workflow',
  'temporal-worker': 'Temporal worker',
  function: 'background function',
  bot: 'bot client',
};

export function jobsPart(facts: FactSet): string {
  const jobs = facts.of<JobFact>('jobs.job').map((f) => f.data);
  if (jobs.length === 0) return '';
  // A Vercel cron names a URL path, which is written as text: a code span starting with `/` is a repository path.
  const name = (j: JobData) => (j.name.startsWith('/') ? `${code('GET')} ${urlPath(j.name)}` : code(j.name));
  const rows = jobs.map((j: JobData) => [KIND[j.kind], oneLine(j.via), name(j), j.trigger ? code(j.trigger) : '—', cite(j.file, j.line)]);
  return join(heading(3, 'Background jobs, queues and schedules'), table(['Kind', 'Library', 'Name', 'Schedule or event', 'Declared at'], rows));
}
