import { describe, expect, it } from 'vitest';
import { STEPS } from '../src/steps/registry.js';
import { IMPLEMENTED_STEPS, STEP_COUNT, STEP_TITLES, stepTitle } from '../src/steps/titles.js';

describe('step titles', () => {
  it('list exactly the steps the registry defines, with the same titles', () => {
    expect(IMPLEMENTED_STEPS).toEqual(STEPS.filter((s) => s.definition).map((s) => s.number));
    expect(STEPS.map((s) => s.title)).toEqual([...STEP_TITLES]);
    expect(STEPS.every((s) => !s.definition || s.definition.title === stepTitle(s.number))).toBe(true);
    expect(STEP_COUNT).toBe(10);
    expect(() => stepTitle(11)).toThrow('There is no step 11; steps are 1 to 10.');
  });
});
