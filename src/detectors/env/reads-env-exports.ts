import { lastName } from '../shared/ast.js';
import { ts } from '../../scan/ts.js';
import { skipParens } from './read-shapes.js';
import { PARSE_CALL } from './reads-schema.js';

/** `export default process.env`, `export default wrap(process.env)`, `export const env = process.env`, `module.exports = …`. */
export function envExports(sf: ts.SourceFile, isEnv: (e: ts.Expression) => boolean): string[] {
  // A wrapper (`withFileSecrets(process.env)`) still reads the raw environment; a validating call (`schema.parse(…)`,
  // `cleanEnv(…)`) gives an object whose keys were already read at the schema.
  const env = (e: ts.Expression) => {
    const x = skipParens(e);
    if (isEnv(x)) return true;
    if (!ts.isCallExpression(x) || PARSE_CALL.test(lastName(x.expression) ?? '')) return false;
    return x.arguments.length === 1 && isEnv(x.arguments[0]);
  };
  const out: string[] = [];
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st) && env(st.expression)) out.push('default');
    else if (ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer && env(d.initializer)) out.push(d.name.text);
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.left.getText(sf) === 'module.exports' && env(st.expression.right)) out.push('default');
  }
  return out;
}
