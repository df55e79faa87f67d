import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FactsReportSchema } from '../src/report/facts-schema.js';
import { CLI } from './helpers/pty.js';
import { tempExample } from './helpers/temp-repo.js';
import { leakedSecrets, plantCanaryRepo } from './fixtures/secret-canary/planted.js';

describe('--json', () => {
  it('prints the facts of the selected steps as the versioned schema, with citations that exist, and writes nothing', () => {
    const repo = tempExample();
    const before = readdirSync(repo).sort();
    const stdout = execFileSync(process.execPath, [CLI, repo, '--json', '--steps', '1,2'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const report = FactsReportSchema.parse(JSON.parse(stdout));
    expect(report.steps.map((s) => s.number)).toEqual([1, 2]);
    expect(report.steps[0].facts.length).toBeGreaterThan(5);
    for (const step of report.steps) {
      for (const fact of step.facts) {
        for (const c of fact.at) expect(existsSync(`${repo}/${c.file}`), `${fact.kind} ${fact.id} cites ${c.file}`).toBe(true);
      }
    }
    expect(readdirSync(repo).sort()).toEqual(before);
  });

  it('never prints a planted secret value, even from facts that quote code', () => {
    const repo = plantCanaryRepo();
    const stdout = execFileSync(process.execPath, [CLI, repo, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(FactsReportSchema.parse(JSON.parse(stdout)).steps).toHaveLength(10);
    expect(leakedSecrets(stdout)).toEqual([]);
  });
});
