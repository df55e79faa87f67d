/**
 * The brief's ten steps by number, without their definitions: the terminal UI, the flags and the session need only
 * titles and numbers, and keeping them apart from the registry lets an interactive run paint its first screen while
 * the analysis (and the TypeScript compiler it loads) starts in another thread.
 */
export const STEP_TITLES = [
  'Project Overview & Architecture',
  'Directory Structure',
  'Backend & API',
  'Database Schema',
  'Frontend Applications',
  'Infrastructure & CDK',
  'SDKs',
  'Configuration & Environment',
  'Common Workflows',
  'Integration Points',
] as const;

export const STEP_COUNT = STEP_TITLES.length;

export function stepTitle(number: number): string {
  const title = STEP_TITLES[number - 1];
  if (!title) throw new RangeError(`There is no step ${number}; steps are 1 to ${STEP_COUNT}.`);
  return title;
}
