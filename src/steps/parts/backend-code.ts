import type { FactSet } from '../../facts.js';

/** A table known to the step (e.g. from CDK), so that access patterns can be grouped under it. */
export interface KnownTable {
  readonly id: string;
  readonly physicalName?: string;
  /** Environment variables that carry this table's name to functions. */
  readonly envVars: readonly string[];
}

export function middlewarePart(_facts: FactSet): string {
  return '';
}

export function authFlowPart(_facts: FactSet): string {
  return '';
}

export function errorHandlingPart(_facts: FactSet): string {
  return '';
}

/** Access patterns per table (matched by env var) or per `TableName` expression, plus where data-access code lives. */
export function dataAccessPart(_facts: FactSet, _tables: readonly KnownTable[]): string {
  return '';
}
