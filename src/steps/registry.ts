import type { StepDefinition } from './types.js';
import { STEP_TITLES } from './titles.js';
import { overviewStep } from './01-overview.js';
import { directoryStructureStep } from './02-directory-structure.js';
import { backendApiStep } from './03-backend-api.js';
import { databaseSchemaStep } from './04-database-schema.js';
import { frontendStep } from './05-frontend.js';
import { infrastructureStep } from './06-infrastructure.js';
import { sdksStep } from './07-sdks.js';
import { configurationStep } from './08-configuration.js';
import { workflowsStep } from './09-workflows.js';
import { integrationsStep } from './10-integrations.js';

/** The brief's ten steps, in order, each with its definition. */
export interface StepEntry {
  readonly number: number;
  readonly title: string;
  readonly definition: StepDefinition;
}

const TITLES = STEP_TITLES;

const DEFINITIONS: readonly StepDefinition[] = [overviewStep, directoryStructureStep, backendApiStep, databaseSchemaStep, frontendStep, infrastructureStep, sdksStep, configurationStep, workflowsStep, integrationsStep];

export const STEPS: readonly StepEntry[] = TITLES.map((title, i) => {
  const definition = DEFINITIONS.find((d) => d.number === i + 1);
  // A missing step is a programming error, caught by every test that loads the registry.
  if (!definition) throw new Error(`The step registry has no definition for step ${i + 1} (${title}).`);
  return { number: i + 1, title, definition };
});

export const STEP_COUNT = STEPS.length;

export function stepEntry(number: number): StepEntry {
  const entry = STEPS.find((s) => s.number === number);
  if (!entry) throw new RangeError(`There is no step ${number}; steps are 1 to ${STEP_COUNT}.`);
  return entry;
}
