/**
 * class-validator env classes: `validateConfig(process.env, EnvironmentVariablesValidator)` (the NestJS boilerplate
 * shape: `plainToClass` + `validateSync`, then `throw` on errors) checks the environment against a class of the same
 * file. A decorated key is required (startup fails when unset) unless `@IsOptional()`; `@ValidateIf(…)` is checked only
 * when its condition holds, so nothing is claimed for it either way (counted as coping, never as "gets undefined").
 * The helper is assumed to throw, as every such helper seen does; one returning the errors would make "required" wrong.
 */
import { lastName } from '../shared/ast.js';
import { lineOf, ts } from '../../scan/ts.js';
import type { SchemaKey } from './reads-schema.js';

export const CLASS_VALIDATOR_TEXT = /['"]class-validator['"]/;

/** The keys of the same-file class `arg` names, when its properties carry class-validator decorators. */
export function classValidatorKeys(sf: ts.SourceFile, arg: ts.Expression): SchemaKey[] {
  if (!ts.isIdentifier(arg) || !CLASS_VALIDATOR_TEXT.test(sf.text)) return [];
  const cls = sf.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === arg.text);
  if (!cls) return [];
  const out: SchemaKey[] = [];
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m) || !ts.isIdentifier(m.name) || !/^[A-Z][A-Z0-9_]*$/.test(m.name.text)) continue;
    const names = (ts.getDecorators(m) ?? []).map((d) => lastName(ts.isCallExpression(d.expression) ? d.expression.expression : d.expression) ?? '');
    if (names.length === 0) continue;
    const optional = names.includes('IsOptional') || names.includes('ValidateIf');
    out.push({ text: m.name.text, line: lineOf(m.name, sf), fallback: optional, hasDefault: false, required: !optional });
  }
  return out;
}
