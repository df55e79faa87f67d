import { describe, expect, it } from 'vitest';
import { STEPS } from '../src/steps/registry.js';
import { STEP_COUNT, STEP_TITLES, stepTitle } from '../src/steps/titles.js';

describe('step titles', () => {
  it('match the registry: ten steps, each defined under its own number and title', () => {
    expect(STEPS.map((s) => s.title)).toEqual([...STEP_TITLES]);
    expect(STEPS.map((s) => [s.definition.number, s.definition.title])).toEqual(STEPS.map((s) => [s.number, stepTitle(s.number)]));
    expect(STEP_COUNT).toBe(10);
    expect(() => stepTitle(11)).toThrow('There is no step 11; steps are 1 to 10.');
  });
});
