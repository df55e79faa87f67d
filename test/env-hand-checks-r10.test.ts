/**
 * Env facts hand checks on Hydrogen (Oxygen) and Vercel Commerce found wrong: the Worker `interface Env` in env.d.ts
 * declares names, Remix's `context.env.X` is a read, CI `run:` commands set variables (`X=… cmd`,
 * `echo X=… >> $GITHUB_ENV`), and a destructured `const { X } = process.env` keeps the fallback its uses give.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));
const worker = "export default {\n  async fetch(request: Request, env: Env): Promise<Response> {\n    return new Response(env.PRIVATE_TOKEN + env.MY_KV);\n  },\n};\n";

describe('the Worker `interface Env` in a .d.ts', () => {
  it('declares its string-typed members, not its bindings', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true }),
      'server.ts': worker,
      'env.d.ts': 'declare global {\n  interface Env {\n    PRIVATE_TOKEN: string;\n    MY_KV: KVNamespace;\n  }\n}\nexport {};\n',
    });
    const env = (await modelOf(root)).env();
    expect(env.get('PRIVATE_TOKEN')?.sets.map((s) => [s.kind, s.at.file, s.at.line])).toEqual([['type', 'env.d.ts', 3]]);
    expect(env.get('MY_KV')?.sets ?? []).toEqual([]);
  });
});
