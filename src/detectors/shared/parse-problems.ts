/**
 * Configuration files that could not be parsed whole (YAML with a syntax error, HCL with an unclosed block): what
 * parsed is still used, and the problem becomes a note in every section built from that detector, so a table that
 * looks short says why.
 */
import type { Fact } from '../../facts.js';

export interface ParseProblemData {
  readonly file: string;
  readonly line: number;
  readonly format: 'YAML' | 'HCL' | 'JSON';
  readonly message: string;
}

export type ParseProblemFact = Fact<'parse.problem', ParseProblemData>;

/** One fact per file: its first problem (later ones usually follow from it). */
export function problemFacts(
  file: string,
  format: ParseProblemData['format'],
  problems: readonly { readonly line: number; readonly message: string }[],
): ParseProblemFact[] {
  const first = [...problems].sort((a, b) => a.line - b.line)[0];
  if (!first) return [];
  const data: ParseProblemData = { file, line: first.line, format, message: first.message };
  return [{ kind: 'parse.problem', id: file, data, at: [{ file, line: first.line }] }];
}
