/**
 * Decorator-based entities: TypeORM (`@Entity`, `@Column`, `@PrimaryGeneratedColumn`, `@ManyToOne`…, `@Index`) and
 * MikroORM (`@Entity`, `@Property`, `@PrimaryKey`, same relation decorators).
 */
import { ts, lineOf } from '../../scan/ts.js';
import { importsOf, lastName, property, staticString } from '../shared/ast.js';
import type { Orm, OrmField, OrmIndex, OrmModelData } from './types.js';

const RELATIONS: Record<string, string> = {
  ManyToOne: 'many-to-one',
  OneToMany: 'one-to-many',
  OneToOne: 'one-to-one',
  ManyToMany: 'many-to-many',
};
const PRIMARY = /^(PrimaryGeneratedColumn|PrimaryColumn|ObjectIdColumn|PrimaryKey|SerializedPrimaryKey)$/;
const COLUMN = /^(Column|Property|Enum|CreateDateColumn|UpdateDateColumn|DeleteDateColumn|VersionColumn|Formula)$/;

export function decoratorEntities(file: string, sf: ts.SourceFile): OrmModelData[] {
  const imports = importsOf(sf);
  const orm = (name: string): Orm | undefined => {
    const module = imports.get(name)?.module ?? '';
    if (module === 'typeorm') return 'typeorm';
    if (module.startsWith('@mikro-orm/')) return 'mikro-orm';
    return undefined;
  };
  const out: OrmModelData[] = [];
  for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
    const entity = decorators(cls).find((d) => d.name === 'Entity' && orm('Entity'));
    if (!entity || !cls.name) continue;
    const first = entity.args[0];
    const table = first ? (staticString(first)?.text ?? staticString(property(first, 'name') ?? property(first, 'tableName'))?.text) : undefined;
    const fields: OrmField[] = [];
    const primaryKey: string[] = [];
    const indexes: OrmIndex[] = [];
    for (const d of decorators(cls)) {
      if (d.name === 'Index' || d.name === 'Unique') indexes.push(classIndex(d.name, d.args, sf));
    }
    for (const member of cls.members) {
      if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
      const name = member.name.text;
      const decs = decorators(member);
      const tsType = member.type?.getText(sf).replace(/\s*\|\s*(null|undefined)\b/g, '');
      const attributes: string[] = [];
      let type: string | undefined;
      let optional = member.questionToken !== undefined;
      let list = false;
      let relation: OrmField['relation'];
      let isField = false;
      for (const d of decs) {
        const opts = d.args.find(ts.isObjectLiteralExpression);
        const typeArg = d.args[0] && ts.isStringLiteralLike(d.args[0]) ? d.args[0].text : staticString(property(opts, 'type'))?.text;
        if (PRIMARY.test(d.name)) {
          isField = true;
          primaryKey.push(name);
          attributes.push('id');
          if (d.name === 'PrimaryGeneratedColumn') attributes.push(typeArg ? `generated(${typeArg})` : 'generated');
          type ??= d.name === 'PrimaryGeneratedColumn' && typeArg && typeArg !== 'uuid' ? tsType : typeArg;
        } else if (COLUMN.test(d.name)) {
          isField = true;
          if (d.name !== 'Column' && d.name !== 'Property') attributes.push(d.name.replace(/Column$/, '').replace(/^./, (c) => c.toLowerCase()));
          type ??= typeArg;
          if (property(opts, 'nullable')?.kind === ts.SyntaxKind.TrueKeyword) optional = true;
          if (property(opts, 'unique')?.kind === ts.SyntaxKind.TrueKeyword) attributes.push('unique');
          const def = property(opts, 'default');
          if (def) attributes.push(`default(${def.getText(sf)})`);
        } else if (RELATIONS[d.name]) {
          isField = true;
          const target = d.args[0];
          const body = target && (ts.isArrowFunction(target) || ts.isFunctionExpression(target)) ? target.body : target;
          const model = body && ts.isExpression(body) ? body.getText(sf) : staticString(property(opts, 'entity'))?.text ?? '?';
          relation = { model, kind: RELATIONS[d.name] };
          list = d.name === 'OneToMany' || d.name === 'ManyToMany';
          type = model;
        } else if (d.name === 'JoinColumn' && relation) {
          const fk = staticString(property(opts, 'name'))?.text;
          if (fk) relation = { ...relation, fields: [fk] };
        } else if (d.name === 'Index' || d.name === 'Unique') {
          indexes.push({ fields: [name], unique: d.name === 'Unique' || property(opts, 'unique')?.kind === ts.SyntaxKind.TrueKeyword });
        }
      }
      if (!isField) continue;
      const joinFk = decs.find((d) => d.name === 'JoinColumn');
      // TypeORM reads @JoinColumn only on the owning side (ManyToOne, OneToOne); on a OneToMany or ManyToMany it is
      // ignored: the foreign key is on the other entity's ManyToOne (or in the @JoinTable).
      if (relation && list) relation = { model: relation.model, kind: relation.kind };
      else if (joinFk && relation && !relation.fields) relation = { ...relation, fields: [`${name}Id`] };
      fields.push({
        name,
        type: type ?? tsType ?? '?',
        ...(optional ? { optional: true } : {}),
        ...(list ? { list: true } : {}),
        attributes,
        ...(relation ? { relation } : {}),
      });
    }
    out.push({
      orm: orm('Entity')!,
      name: cls.name.text,
      ...(table ? { table } : {}),
      fields,
      primaryKey,
      indexes,
      file,
      line: lineOf(cls, sf),
    });
  }
  return out;
}

export function decorators(node: ts.HasDecorators): { name: string; args: readonly ts.Expression[] }[] {
  return (ts.getDecorators(node) ?? []).map((d): { name: string; args: readonly ts.Expression[] } => {
    const e = d.expression;
    if (ts.isCallExpression(e)) return { name: lastName(e.expression) ?? '', args: e.arguments };
    return { name: lastName(e) ?? '', args: [] };
  });
}

/** `@Index(['a', 'b'], { unique: true })`, `@Index('name', ['a'])`, `@Unique(['a'])`. */
function classIndex(kind: string, args: readonly ts.Expression[], sf: ts.SourceFile): OrmIndex {
  const name = args[0] && ts.isStringLiteralLike(args[0]) ? args[0].text : undefined;
  const list = args.find(ts.isArrayLiteralExpression);
  const fields = list ? list.elements.map((e) => staticString(e)?.text ?? e.getText(sf)) : [];
  const opts = args.find(ts.isObjectLiteralExpression);
  const unique = kind === 'Unique' || property(opts, 'unique')?.kind === ts.SyntaxKind.TrueKeyword;
  return { fields, unique, ...(name ? { name } : {}) };
}
