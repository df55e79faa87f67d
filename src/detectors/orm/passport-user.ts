/**
 * `req.user` under Passport: `passport.deserializeUser(async (id, done) => done(null, await User.findById(id)))` makes
 * it a document of `User` on every request, so `req.user.save()` writes that model. Found once per index, from the
 * few files that name `deserializeUser`; when they load documents of more than one model, `req.user` stays untyped.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, walk } from '../../scan/ts.js';
import { lastName } from '../shared/ast.js';
import type { FileContext, ModelTable } from './access.js';
import { DOCUMENT_QUERIES } from './access-entities.js';
import type { OrmModelData } from './types.js';

/** A file that may write `req.user` back: the text test that lets it through the Mongoose pre-filter. */
export const REQUEST_USER_WRITE = /\breq(?:uest)?\s*\.\s*user\s*\.\s*(?:save|deleteOne|remove|updateOne)\s*\(/;

/** `req.user` / `request.user`: the receiver Passport sets. */
export function isRequestUser(expr: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expr) && expr.name.text === 'user' && ts.isIdentifier(expr.expression) && /^req(uest)?$/.test(expr.expression.text);
}

export function requestUserModel(
  index: RepoIndex,
  sources: readonly string[],
  models: ModelTable,
  contextOf: (file: string, sf: ts.SourceFile) => FileContext,
): OrmModelData | undefined {
  const found = new Set<OrmModelData>();
  for (const file of sources) {
    if (!index.read(file)?.includes('deserializeUser')) continue;
    const sf = index.parseOnce(file);
    if (!sf) continue;
    const context = contextOf(file, sf);
    walk(sf, (node) => {
      if (!ts.isCallExpression(node) || lastName(node.expression) !== 'deserializeUser') return;
      const fn = node.arguments[0];
      if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return;
      walk(fn, (n) => {
        if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !DOCUMENT_QUERIES.has(n.expression.name.text)) return;
        const receiver = n.expression.expression;
        const model = ts.isIdentifier(receiver) ? context.refersTo(models, receiver.text, true) : undefined;
        if (model) found.add(model);
      });
      return false;
    });
  }
  return found.size === 1 ? [...found][0] : undefined;
}
