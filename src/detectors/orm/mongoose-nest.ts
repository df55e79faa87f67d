/**
 * @nestjs/mongoose schema classes: `@Schema(opts) class User { @Prop({ required: true }) email: string }` with
 * `SchemaFactory.createForClass(User)`. The model is registered as `{ name: User.name, schema: UserSchema }`, so it is
 * named after the class; fields come from the `@Prop()` properties (their options, else the property's type).
 */
import { ts, lineOf } from '../../scan/ts.js';
import { importsOf, property } from '../shared/ast.js';
import { decorators } from './decorators.js';
import { indexesOf, optionField } from './mongoose.js';
import type { OrmField, OrmModelData } from './types.js';

export const NEST_MONGOOSE = '@nestjs/mongoose';

export function nestMongooseModels(file: string, sf: ts.SourceFile): OrmModelData[] {
  const imports = importsOf(sf);
  const fromNest = (name: string) => imports.get(name)?.module === NEST_MONGOOSE;
  if (!fromNest('Schema')) return [];
  const byClass = new Map<string, OrmField[]>();
  const out: OrmModelData[] = [];
  for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
    const schema = decorators(cls).find((d) => d.name === 'Schema');
    if (!schema || !cls.name) continue;
    const opts = schema.args[0];
    // `class Task extends Subtask`: a schema class inherits the @Prop fields of its parent (here when in the same file).
    const parent = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const inherited = parent && ts.isIdentifier(parent) ? byClass.get(parent.text) ?? [] : [];
    const own = cls.members.flatMap((m) => (ts.isPropertyDeclaration(m) ? propField(m, sf) : []));
    const fields = [...inherited.filter((f) => !own.some((o) => o.name === f.name)), ...own];
    byClass.set(cls.name.text, fields);
    // A class marked `@Schema()` with no `@Prop` that no `createForClass` turns into a schema defines nothing Mongoose
    // stores (`@Schema() class Token_Identity { token: string }` is a return type).
    if (fields.length === 0 && !new RegExp(String.raw`createForClass\s*\(\s*${cls.name.text.replace(/\$/g, '\\$')}\b`).test(sf.text)) continue;
    const timestamps: OrmField[] = property(opts, 'timestamps')?.kind === ts.SyntaxKind.TrueKeyword
      ? ['createdAt', 'updatedAt'].map((n) => ({ name: n, type: 'Date', attributes: ['timestamps'] }))
      : [];
    const collection = property(opts, 'collection');
    out.push({
      orm: 'mongoose',
      name: cls.name.text,
      ...(collection && ts.isStringLiteralLike(collection) ? { table: collection.text } : {}),
      fields: [...fields, ...timestamps],
      primaryKey: ['_id'],
      indexes: indexesOf(fields),
      file,
      line: lineOf(cls, sf),
    });
  }
  return out;
}

/** A property decorated `@Prop()`, `@Prop({...})` or `@Prop([String])`. */
function propField(member: ts.PropertyDeclaration, sf: ts.SourceFile): OrmField[] {
  const prop = decorators(member).find((d) => d.name === 'Prop');
  if (!prop || !member.name || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) return [];
  const name = member.name.text;
  const written = member.type?.getText(sf).replace(/\s*\|\s*(null|undefined)\b/g, '');
  // `string[]` or `[Subtask]`: a list of the element type.
  const listType = written?.match(/^(?:\[\s*(.+?)\s*\]|(.+?)\[\])$/);
  const tsType = listType ? (listType[1] ?? listType[2]) : written;
  let arg = prop.args[0];
  let list = !!listType;
  if (arg && ts.isArrayLiteralExpression(arg)) {
    list = true;
    arg = arg.elements[0];
  }
  if (!arg) return [{ name, type: tsType ?? '?', optional: true, ...(list ? { list } : {}), attributes: [] }];
  const field = optionField(name, arg, list, sf, tsType);
  // `@Prop({ type: [subtaskSchema] })`: a list of sub-documents.
  const type = ts.isObjectLiteralExpression(arg) ? property(arg, 'type') : undefined;
  if (type && ts.isArrayLiteralExpression(type) && type.elements[0]) {
    return [{ ...field, type: type.elements[0].getText(sf).replace(/^(mongoose\.)?Schema\.Types\./, ''), list: true }];
  }
  return [{ ...field, ...(member.questionToken ? { optional: true } : {}) }];
}
