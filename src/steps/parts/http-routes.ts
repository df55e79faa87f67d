import type { FactSet } from '../../facts.js';

/** `####` subsections, one per framework and app, each with a routes table; '' when there are no routes. */
export function httpRoutesPart(_facts: FactSet): string {
  return '';
}
