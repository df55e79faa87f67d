/**
 * Hand-check round 17 (tux86/nestjs-serverless-boilerplate): step 9's ORM recipe counts the models and the files
 * calling the ORM from the list step 4 shows, so a product folder named like an example (`src/core/email-template/`)
 * does not make it say 4 entities where step 4 says 5.
 */
import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const entity = (name: string) =>
  [
    "import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';",
    '@Entity()',
    `export class ${name} {`,
    "  @PrimaryGeneratedColumn('uuid')",
    '  id: string;',
    '  @Column()',
    '  name: string;',
    '}',
    '',
  ].join('\n');
const service = (name: string, file: string) =>
  [
    "import { DataSource } from 'typeorm';",
    `import { ${name} } from './${file}';`,
    `export class ${name}Service {`,
    '  constructor(private readonly dataSource: DataSource) {}',
    `  find() { return this.dataSource.getRepository(${name}).find(); }`,
    '}',
    '',
  ].join('\n');

describe('the ORM recipe counts what step 4 lists', () => {
  it('5 entities in 5 files and 5 calling files, one of them in src/core/email-template/', async () => {
    const names = [
      ['organization', 'Organization'],
      ['user', 'User'],
      ['parameter', 'Parameter'],
      ['setting', 'Setting'],
      ['email-template', 'EmailTemplate'],
    ];
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { typeorm: '^0.3.0', '@nestjs/core': '^10.0.0' } }),
    };
    for (const [dir, name] of names) {
      files[`src/core/${dir}/${dir}.entity.ts`] = entity(name);
      files[`src/core/${dir}/${dir}.service.ts`] = service(name, `${dir}.entity`);
    }
    const md = (await section(workflowsStep, tempRepo(files))).markdown;
    expect(md).toContain('5 entities in 5 files in all');
    expect(md).toMatch(/directly from `\/src\/core\/` \(5 files\)/);
  });
});
