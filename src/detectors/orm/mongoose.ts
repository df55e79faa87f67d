/** Mongoose schemas: `new Schema({...})` fields (type, required, unique, ref), `schema.index(...)`, `model('Name', schema)`. */
import { ts, lineOf, walk } from '../../scan/ts.js';
import { importsOf, lastName, property, propertyNameText, staticString } from '../shared/ast.js';
import type { MongooseHelper } from './mongoose-helpers.js';
import { collectStatics, optionStatics, type SchemaStatics } from './mongoose-statics.js';
import type { OrmField, OrmIndex, OrmModelData } from './types.js';

/** `helperOf` names the project helper (see mongoose-helpers.ts) a call goes through, if any. */
export function mongooseModels(file: string, sf: ts.SourceFile, helperOf: (call: ts.CallExpression | ts.NewExpression) => MongooseHelper | undefined = () => undefined): OrmModelData[] {
  const imports = importsOf(sf);
  const direct = [...imports.values()].some((b) => b.module === 'mongoose');
  const schemas = new Map<string, { fields: OrmField[]; line: number; timestamps: boolean; text: string }>();
  // Models a helper makes from a definition in one call (`createModel('User', {...})`): no schema variable to join.
  const made: OrmModelData[] = [];
  const indexes = new Map<string, OrmIndex[]>();
  const names = new Map<string, { name: string; collection?: string; binding?: string }>();
  const statics: SchemaStatics = new Map();
  walk(sf, (node) => {
    collectStatics(node, statics);
    const init = ts.isVariableDeclaration(node) ? node.initializer : undefined;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && init && (ts.isNewExpression(init) || ts.isCallExpression(init))) {
      // `Database.createSchema({...})`, or `new _Schema({...})` for a helper function used as a constructor.
      const helper = helperOf(init);
      if (helper?.def !== undefined && helper.modelName === undefined) {
        const def = init.arguments?.[helper.def];
        schemas.set(node.name.text, { fields: fieldsOf(def, sf), line: lineOf(node, sf), timestamps: !!helper.timestamps, text: def?.getText(sf) ?? '' });
      } else if (direct && lastName(init.expression) === 'Schema') {
        const [def, opts] = init.arguments ?? [];
        const timestamps = property(opts, 'timestamps')?.kind === ts.SyntaxKind.TrueKeyword;
        optionStatics(statics, node.name.text, property(opts, 'statics'));
        schemas.set(node.name.text, { fields: fieldsOf(def, sf), line: lineOf(node, sf), timestamps, text: def?.getText(sf) ?? '' });
      }
    }
    if (!ts.isCallExpression(node)) return;
    const helper = helperOf(node);
    if (helper?.modelName !== undefined) {
      const nameArg = node.arguments[helper.modelName];
      const written = nameArg ? staticString(nameArg) : undefined;
      // A name we cannot read is shown as written, so the file still counts as defining a model.
      const modelName = written?.resolved ? written.text : nameArg ? `\${${nameArg.getText(sf).replace(/\s+/g, ' ').slice(0, 40)}}` : undefined;
      const schema = helper.schema !== undefined ? node.arguments[helper.schema] : undefined;
      if (modelName && schema && ts.isIdentifier(schema)) names.set(schema.text, { name: modelName });
      else if (modelName && helper.def !== undefined) {
        const fields = fieldsOf(node.arguments[helper.def], sf);
        const stamps = helper.timestamps ? ['createdAt', 'updatedAt'].map((n) => ({ name: n, type: 'Date', attributes: ['timestamps'] })) : [];
        made.push({ orm: 'mongoose', name: modelName, fields: [...fields, ...stamps], primaryKey: ['_id'], indexes: indexesOf(fields), file, line: lineOf(node, sf) });
      }
      return;
    }
    const name = lastName(node.expression);
    if (name === 'index' && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
      const spec = node.arguments[0];
      if (!spec || !ts.isObjectLiteralExpression(spec)) return;
      const list = indexes.get(node.expression.expression.text) ?? [];
      list.push({
        fields: spec.properties.flatMap((p) => (p.name ? [propertyNameText(p.name) ?? p.name.getText(sf)] : [])),
        unique: property(node.arguments[1], 'unique')?.kind === ts.SyntaxKind.TrueKeyword,
      });
      indexes.set(node.expression.expression.text, list);
    }
    if (name === 'model' && node.arguments.length >= 2) {
      const modelName = staticString(node.arguments[0])?.text;
      const schema = node.arguments[1];
      const collection = node.arguments[2] ? staticString(node.arguments[2])?.text : undefined;
      const variable = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
      const binding = variable && variable !== modelName ? { binding: variable } : {};
      if (modelName && ts.isIdentifier(schema)) names.set(schema.text, { name: modelName, ...(collection ? { collection } : {}), ...binding });
    }
  });
  // A schema no `model()` call names and another schema embeds (`reviews: [reviewSchema]`) is a sub-document, not a
  // model (a schema exported for a `model()` call elsewhere is kept).
  const embedded = (variable: string) =>
    !names.has(variable) && [...schemas].some(([other, o]) => other !== variable && new RegExp(`\\b${variable}\\b`).test(o.text));
  const fromSchemas = [...schemas].filter(([variable]) => !embedded(variable)).map(([variable, s]): OrmModelData => {
    const model = names.get(variable);
    const timestamps: OrmField[] = s.timestamps
      ? ['createdAt', 'updatedAt'].map((n) => ({ name: n, type: 'Date', attributes: ['timestamps'] }))
      : [];
    const fieldIndexes = indexesOf(s.fields);
    return {
      orm: 'mongoose' as const,
      name: model?.name ?? variable,
      ...(model?.collection ? { table: model.collection } : {}),
      ...(model?.binding ? { binding: model.binding } : {}),
      fields: [...s.fields, ...timestamps],
      primaryKey: ['_id'],
      indexes: [...fieldIndexes, ...(indexes.get(variable) ?? [])],
      ...(statics.has(variable) ? { statics: statics.get(variable)! } : {}),
      file,
      line: s.line,
    };
  });
  return [...fromSchemas, ...made];
}

export function indexesOf(fields: readonly OrmField[]): OrmIndex[] {
  return fields
    .filter((f) => f.attributes.includes('unique') || f.attributes.includes('index'))
    .map((f) => ({ fields: [f.name], unique: f.attributes.includes('unique') }));
}

function fieldsOf(def: ts.Expression | undefined, sf: ts.SourceFile): OrmField[] {
  if (!def || !ts.isObjectLiteralExpression(def)) return [];
  const out: OrmField[] = [];
  for (const p of def.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = propertyNameText(p.name) ?? p.name.getText(sf);
    let value = p.initializer;
    let list = false;
    if (ts.isArrayLiteralExpression(value)) {
      list = true;
      value = value.elements[0] ?? value;
    }
    out.push(optionField(name, value, list, sf));
  }
  return out;
}

/**
 * One field from its definition: a type as written (`String`) or an options object (`{ type, required, unique, index,
 * default, ref }`); also the options of a `@Prop({...})` of @nestjs/mongoose, which pass `tsType` for a field the
 * options give no `type`.
 */
export function optionField(name: string, value: ts.Expression, list: boolean, sf: ts.SourceFile, tsType?: string): OrmField {
  const attributes: string[] = [];
  let type = value.getText(sf);
  let optional = true;
  let relation: OrmField['relation'];
  if (ts.isObjectLiteralExpression(value)) {
    const t = property(value, 'type');
    type = t ? t.getText(sf) : tsType ?? 'object';
    if (property(value, 'required') && property(value, 'required')!.kind !== ts.SyntaxKind.FalseKeyword) optional = false;
    if (property(value, 'unique')?.kind === ts.SyntaxKind.TrueKeyword) attributes.push('unique');
    if (property(value, 'index')?.kind === ts.SyntaxKind.TrueKeyword) attributes.push('index');
    const def = property(value, 'default');
    if (def) attributes.push(`default(${def.getText(sf)})`);
    const ref = staticString(property(value, 'ref'))?.text;
    if (ref) relation = { model: ref, kind: 'ref' };
  }
  return {
    name,
    type: type.replace(/^(mongoose\.)?Schema\.Types\./, ''),
    ...(optional ? { optional: true } : {}),
    ...(list ? { list: true } : {}),
    attributes,
    ...(relation ? { relation } : {}),
  };
}
