import type { FactSet } from '../../facts.js';

/** `####` subsections for Serverless Framework, SST and Terraform; '' when the repository uses none of them. */
export function otherInfraPart(_facts: FactSet): string {
  return '';
}
