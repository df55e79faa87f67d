import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmAccessData, type OrmModelData } from '../src/detectors/orm/index.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// @nestjs/mongoose schema classes: the schema file need not import mongoose, the model is injected with @InjectModel.
const repo = () => tempRepo({
  'package.json': '{"name":"api","dependencies":{"@nestjs/mongoose":"10","mongoose":"8"}}',
  'src/user/user.schema.ts': [
    "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
    '',
    '@Schema({ timestamps: true, collection: "people" })',
    'export class User {',
    '  @Prop({ required: true, unique: true })',
    '  email: string;',
    '',
    '  @Prop()',
    '  nickname?: string;',
    '',
    '  @Prop([String])',
    '  tags: string[];',
    '}',
    'export const UserSchema = SchemaFactory.createForClass(User);',
  ].join('\n'),
  'src/task/task.schema.ts': [
    "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
    "import mongoose from 'mongoose';",
    '@Schema()',
    'export class Step {',
    "  @Prop({ type: mongoose.Schema.Types.ObjectId, ref: 'User', index: true })",
    '  owner: string;',
    '}',
    'export const stepSchema = SchemaFactory.createForClass(Step);',
    '@Schema()',
    'export class Task extends Step {',
    '  @Prop({ default: [], type: [stepSchema] })',
    '  steps: Step[];',
    '}',
    'export const TaskSchema = SchemaFactory.createForClass(Task);',
    '@Schema()',
    'export class TaskToken {',
    '  token: string;',
    '}',
  ].join('\n'),
  'src/user/user.repository.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import { InjectModel } from '@nestjs/mongoose';",
    "import { Model } from 'mongoose';",
    "import { User } from './user.schema';",
    '@Injectable()',
    'export class UserRepository {',
    "  constructor(@InjectModel(User.name) private userModel: Model<User>, @InjectModel('Task') private readonly tasks: Model<unknown>) {}",
    '  all() {',
    '    return this.userModel.find();',
    '  }',
    '  async add(email: string) {',
    '    const created = new this.userModel({ email });',
    '    await created.save();',
    '    return this.tasks.deleteMany({ owner: created._id });',
    '  }',
    '}',
  ].join('\n'),
});

describe('@nestjs/mongoose schema classes', () => {
  it('reads @Schema() classes as Mongoose models: @Prop fields with their options, inherited fields, schema options', async () => {
    const facts = await detect(ormDetector, repo());
    const models = facts.filter((f) => f.kind === 'orm.model').map((f) => f.data as OrmModelData);
    const user = models.find((m) => m.name === 'User')!;
    expect(user).toMatchObject({ orm: 'mongoose', table: 'people', file: 'src/user/user.schema.ts', line: 3, primaryKey: ['_id'] });
    expect(user.fields).toEqual([
      { name: 'email', type: 'string', attributes: ['unique'] },
      { name: 'nickname', type: 'string', optional: true, attributes: [] },
      { name: 'tags', type: 'String', optional: true, list: true, attributes: [] },
      { name: 'createdAt', type: 'Date', attributes: ['timestamps'] },
      { name: 'updatedAt', type: 'Date', attributes: ['timestamps'] },
    ]);
    expect(user.indexes).toEqual([{ fields: ['email'], unique: true }]);
    // A @Schema class with no @Prop and no createForClass is a plain type, not a model.
    expect(models.map((m) => m.name).sort()).toEqual(['Step', 'Task', 'User']);
    const task = models.find((m) => m.name === 'Task')!;
    expect(task.fields.map((f) => f.name)).toEqual(['owner', 'steps']);
    expect(task.fields[0]).toMatchObject({ type: 'ObjectId', relation: { model: 'User', kind: 'ref' }, attributes: ['index'] });
    expect(task.fields[1]).toMatchObject({ type: 'stepSchema', list: true });
  });

  it('counts calls through @InjectModel(User.name) / @InjectModel(\'Task\') properties as access', async () => {
    const facts = await detect(ormDetector, repo());
    const accesses = facts.filter((f) => f.kind === 'orm.access').map((f) => f.data as OrmAccessData);
    expect(accesses.map((a) => `${a.model} ${a.kind} ${a.method} ${a.line}`).sort()).toEqual([
      'Task write deleteMany 14',
      'User read find 9',
      'User write save 13',
    ]);
  });

  it('step 4 maps them instead of saying no table definitions were found', async () => {
    const md = (await section(databaseSchemaStep, repo())).markdown;
    expect(md).not.toContain('No table definitions');
    expect(md).toContain('`/src/user/user.schema.ts:3`');
  });
});

// turborepo-fullstack-starter: user.schema.ts imports a model module (base.schema), and `SchemaFactory.createForClass(User)`
// was counted as a write of User by the generic-helper rule (`create…` given the model). It builds the schema.
describe('SchemaFactory.createForClass beside a mongoose import', () => {
  it('is not a write of the model', async () => {
    const root = tempRepo({
      'package.json': '{"name":"api","dependencies":{"@nestjs/mongoose":"10","mongoose":"8"}}',
      'src/user/user.schema.ts': [
        "import { type Model, type HydratedDocument } from 'mongoose';",
        "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
        "import { BaseDocument, BaseDocumentSchema } from '../database/base.schema';",
        '@Schema()',
        'export class User extends BaseDocument {',
        '  @Prop({ required: true })',
        '  email!: string;',
        '}',
        'export type UserModel = Model<HydratedDocument<User>>;',
        'export const UserSchema = SchemaFactory.createForClass(User);',
        'UserSchema.add(BaseDocumentSchema);',
      ].join('\n'),
      'src/database/base.schema.ts': [
        "import { Document } from 'mongoose';",
        "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
        '@Schema()',
        'export class BaseDocument extends Document {',
        '  @Prop({ type: Date, default: Date.now })',
        '  createdAt!: Date;',
        '}',
        'export const BaseDocumentSchema = SchemaFactory.createForClass(BaseDocument);',
      ].join('\n'),
      'src/user/user.repository.ts': [
        "import { InjectModel } from '@nestjs/mongoose';",
        "import { User, type UserModel } from './user.schema';",
        'export class UserRepository {',
        '  constructor(@InjectModel(User.name) private userModel: UserModel) {}',
        '  add(email: string) {',
        '    return this.userModel.create({ email });',
        '  }',
        '}',
      ].join('\n'),
    });
    const facts = await detect(ormDetector, root);
    const accesses = facts.filter((f) => f.kind === 'orm.access').map((f) => f.data as OrmAccessData);
    expect(accesses.map((a) => `${a.model} ${a.kind} ${a.method} ${a.file}:${a.line}`)).toEqual(['User write create src/user/user.repository.ts:6']);
  });
});
