import type { FactSet } from '../../facts.js';

/** `####` subsections per ORM with each model's fields, keys, indexes and relations; '' when there are none. */
export function ormSchemaPart(_facts: FactSet): string {
  return '';
}
