/**
 * Hand check of chatbot-ui: the API keys are read as `process.env[envKey]` in a loop over an object whose keys are
 * members of an imported enum (`[VALID_ENV_KEYS.OPENAI_API_KEY]: …`), and step 8 said they were "not read". A loop
 * over enum members (or an object's values) names the variables; a computed read that cannot be resolved leaves
 * them "not read by name", never "not read".
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));
const pkg = JSON.stringify({ name: 'chat', private: true, dependencies: { next: '14.2.0' } });
const tsconfig = JSON.stringify({ compilerOptions: { paths: { '@/*': ['./*'] } } });

describe('process.env[key] in a loop over enum members', () => {
  it('reads each member the enum declares, cited at the read line', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'tsconfig.json': tsconfig,
      'types/valid-keys.ts': 'export enum VALID_ENV_KEYS {\n  OPENAI_API_KEY = "OPENAI_API_KEY",\n  GROQ_API_KEY = "GROQ_API_KEY"\n}\n',
      'lib/server/helpers.ts': [
        'import { VALID_ENV_KEYS } from "@/types/valid-keys"',
        'export function addKeys(profile: Record<string, string>) {',
        '  const apiKeys = {',
        '    [VALID_ENV_KEYS.OPENAI_API_KEY]: "openai_api_key",',
        '    [VALID_ENV_KEYS.GROQ_API_KEY]: "groq_api_key"',
        '  }',
        '  for (const [envKey, profileKey] of Object.entries(apiKeys)) {',
        '    if (process.env[envKey]) {',
        '      profile[profileKey] = process.env[envKey]!',
        '    }',
        '  }',
        '  return profile',
        '}',
      ].join('\n'),
      'lib/labels.ts': [
        'const LABELS = { mail: "MAIL_HOST", queue: "QUEUE_URL" } as const',
        'export const configured = Object.values(LABELS).filter((name) => process.env[name])',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    expect(env.get('OPENAI_API_KEY')?.reads.map((r) => [r.file, r.lines[0]])).toEqual([['lib/server/helpers.ts', 8]]);
    expect(env.get('GROQ_API_KEY')?.reads.map((r) => [r.file, r.lines[0]])).toEqual([['lib/server/helpers.ts', 8]]);
    expect(env.get('MAIL_HOST')?.reads.map((r) => [r.file, r.lines[0]])).toEqual([['lib/labels.ts', 2]]);
    expect(env.get('QUEUE_URL')?.reads.map((r) => [r.file, r.lines[0]])).toEqual([['lib/labels.ts', 2]]);
    expect(env.dynamic).toEqual([]);
  });
});

describe('secret-looking variables set but read only perhaps, by a computed name', () => {
  it('are "not read by name", with the computed reads cited, in the intro', async () => {
    const root = tempRepo({
      'package.json': pkg,
      '.env.local.example': 'OPENAI_API_KEY=\nANTHROPIC_API_KEY=\nDATABASE_URL=\n',
      'lib/db.ts': 'export const url = process.env.DATABASE_URL\n',
      'lib/keys.ts': 'export function usingKey(keys: { name: string }[]) {\n  return keys.some((k) => Boolean(process.env[k.name]))\n}\n',
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('2 more secret-looking variables are set or declared but not read by name (the code reads variables by a computed name at `/lib/keys.ts:2`, which may include them)');
    expect(md).not.toContain('set or declared but not read;');
  });
});
