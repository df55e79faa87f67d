import { describe, expect, it } from 'vitest';
import { hasPhaseName, phaseName } from '../src/analysis/phase-names.js';
import { factWords, hasFactWords } from '../src/check/fact-words.js';
import { stepDetectors } from '../src/model/repo-model.js';
import { STEPS } from '../src/steps/registry.js';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE, PROJECT_ROOT, section } from './helpers/fixture.js';

/** The words users see for what the analysis reads and finds: never a detector id or a fact kind. */
describe('words on screen and in --check', () => {
  it('names every detector in the progress in plain words', () => {
    // Every detector a step runs, also those it runs to confirm a negative claim.
    const ids = [...new Set(STEPS.flatMap((s) => stepDetectors(s.definition.detectors, s.definition.claims).map((d) => d.id)))];
    expect(ids.filter((id) => !hasPhaseName(id))).toEqual([]);
    expect(phaseName('cdk')).toBe('Reading AWS CDK stacks');
  });

  it('names every kind of fact the steps produce on the example and the fixtures', async () => {
    const fixtures = [EXAMPLE, ...readdirSync(path.join(PROJECT_ROOT, 'test/fixtures'))];
    const kinds = new Set<string>();
    for (const fixture of fixtures) {
      for (const step of STEPS) {
        for (const fact of (await section(step.definition, fixture)).facts) kinds.add(fact.kind);
      }
    }
    expect(kinds.size).toBeGreaterThan(30);
    expect([...kinds].filter((k) => !hasFactWords(k))).toEqual([]);
    expect(factWords('cdk.route')).toBe('API endpoint');
    expect(factWords('env.read')).toBe('environment variable read');
    expect(factWords('made.upKindName')).toBe('up kind name');
  }, 120_000);
});
