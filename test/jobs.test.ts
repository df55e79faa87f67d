import { describe, expect, it } from 'vitest';
import { jobsDetector, type JobFact } from '../src/detectors/jobs/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

describe('background jobs, queues and schedules', () => {
  it('finds BullMQ queues and workers, cron schedules, Temporal workflows and workers, Inngest functions and Vercel crons', async () => {
    const jobs = ((await detect(jobsDetector, 'jobs')) as JobFact[]).map((f) => `${f.data.kind} ${f.data.via} ${f.data.name} ${f.data.trigger ?? '-'} ${f.data.file}:${f.data.line}`);
    expect(jobs).toEqual([
      // A discord.js client: a bot process of its own.
      'bot discord.js client Discord gateway events src/bot/client.ts:3',
      // A node-cron schedule imported under another name, inside a wrapper whose callers give the schedule.
      'schedule node-cron Digest scheduleTask: */15 * * * * src/bot/digest.ts:4',
      'schedule node-cron scheduleTask expression src/helpers/schedule.ts:5',
      'function inngest send-welcome user/created src/inngest.ts:5',
      'schedule cron backup 0 2 * * * src/jobs/backup.ts:3',
      'schedule node-cron startCleanup 0 3 * * * src/jobs/cleanup.ts:4',
      'queue bullmq emails - src/jobs/email.ts:4',
      'worker bullmq emails - src/jobs/email.ts:6',
      'schedule @nestjs/schedule weeklyReport 0 0 * * MON src/jobs/reports.service.ts:6',
      'temporal-worker temporal orders - src/worker.ts:4',
      'workflow temporal orderWorkflow - src/workflows/order.ts:5',
      'schedule vercel /api/cron/digest 0 8 * * * vercel.json:2',
    ]);
  });

  it('lists them in step 3 with where each is declared', async () => {
    const s = await section(backendApiStep, 'jobs');
    expect(s.markdown).toContain('### Background jobs, queues and schedules');
    expect(s.markdown).toContain('| queue worker | bullmq | `emails` | — | `/src/jobs/email.ts:6` |');
    expect(s.markdown).toContain('| bot client | discord.js | `client` | `Discord gateway events` | `/src/bot/client.ts:3` |');
    expect(s.markdown).toContain('| schedule | node-cron | `Digest` | `scheduleTask: */15 * * * *` | `/src/bot/digest.ts:4` |');
    expect(missingCitations(s.markdown, await indexOf('jobs'))).toEqual([]);
  });
});
