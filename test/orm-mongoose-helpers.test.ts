import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmModelData } from '../src/detectors/orm/index.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const REPO = tempRepo({
  'package.json': JSON.stringify({ name: 'wrapped', dependencies: { mongoose: '^8' } }),
  'src/db/database.ts': [
    "import mongoose from 'mongoose';",
    'export class Database {',
    '  static createSchema(definition: object) {',
    '    return new mongoose.Schema(definition, { timestamps: true });',
    '  }',
    '  static model(name: string, schema: mongoose.Schema) {',
    '    return mongoose.model(name, schema);',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/db/create-model.ts': [
    "import { Schema, model } from 'mongoose';",
    'export function createModel(name: string, definition: object) {',
    '  return model(name, new Schema(definition));',
    '}',
    '',
  ].join('\n'),
  'src/models/user.ts': [
    "import { Database } from '../db/database';",
    'const UserSchema = Database.createSchema({ email: { type: String, required: true, unique: true } });',
    "export const User = Database.model('User', UserSchema);",
    '',
  ].join('\n'),
  // Another `createModel`, taking a schema: which one a file calls is the one its import resolves to.
  'src/models/utils.js': [
    "import mongoose, { Schema } from 'mongoose';",
    'export function _Schema(definition = {}, options = {}) {',
    '  return new Schema(definition, { timestamps: true, ...options });',
    '}',
    'export function createModel(modelName, modelSchema) {',
    '  return mongoose.model(modelName, modelSchema);',
    '}',
    '',
  ].join('\n'),
  'src/models/site.js': [
    "import { createModel, _Schema } from './utils';",
    'const SiteSchema = new _Schema({ url: { type: String, index: true } });',
    "export default createModel('Site', SiteSchema);",
    '',
  ].join('\n'),
  'src/models/post.ts': "import { createModel } from '../db/create-model';\nexport const Post = createModel('Post', { title: String });\n",
  'src/models/dynamic.ts': "import { createModel } from '../db/create-model';\nexport const make = (kind: string) => createModel(kind, { x: String });\n",
  // A function of the same name that is not the helper: not a model.
  'src/other.ts': "function createModel(a: string, b: object) { return [a, b]; }\nexport const nope = createModel('Nope', {});\n",
});

describe('Mongoose models defined through a project helper', () => {
  it('follows one level of helper: a schema helper, a model helper, and a name shown as written when not literal', async () => {
    const models = (await detect(ormDetector, REPO)).filter((f) => f.kind === 'orm.model').map((f) => f.data as OrmModelData);
    expect(models.map((m) => `${m.name} ${m.file}:${m.line} ${m.fields.map((f) => f.name).join(',')}`)).toEqual([
      '${kind} src/models/dynamic.ts:2 x',
      'Post src/models/post.ts:2 title',
      'Site src/models/site.js:2 url,createdAt,updatedAt',
      'User src/models/user.ts:2 email,createdAt,updatedAt',
    ]);
    expect(models.find((m) => m.name === 'User')?.indexes).toEqual([{ fields: ['email'], unique: true }]);
  });

  it('the data-model step lists them', async () => {
    const s = await section(databaseSchemaStep, REPO);
    expect(s.markdown).toContain('User');
    expect(s.markdown).toContain('Post');
    expect(missingCitations(s.markdown, await indexOf(REPO))).toEqual([]);
  });
});
