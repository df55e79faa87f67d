import { describe, expect, it } from 'vitest';
import { cognitoUsageDetector, type CognitoUsageData } from '../src/detectors/integrations/index.js';
import { authOf } from '../src/detectors/react-app/auth.js';
import { secretsSourcesDetector, type SecretSourceData } from '../src/detectors/secrets-sources/index.js';
import { mayHaveHttpCalls } from '../src/detectors/shared/http-calls.js';
import { envMentions } from '../src/model/env-mentions.js';
import { buildIndex, type RepoIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';

/** The index of a tiny repository, with the files it parses recorded. */
async function spied(files: Record<string, string>): Promise<{ index: RepoIndex; parsed: string[] }> {
  const index = await buildIndex(tempRepo(files));
  const parsed: string[] = [];
  const parse = index.parse.bind(index);
  index.parse = (file) => (parsed.push(file), parse(file));
  return { index, parsed };
}

describe('text filters before parsing', () => {
  it('cognito usage: parses only files importing a Cognito library or a trigger type', async () => {
    const { index, parsed } = await spied({
      'web/notes.ts': '// amplify the signal; see the Trigger docs\nexport const gain = 2;\n',
      'web/auth.ts': "import { signIn } from 'aws-amplify/auth';\nexport const go = () => signIn();\n",
      'fn/trigger.ts': "import type { PreSignUpTriggerHandler } from 'aws-lambda';\nexport const handler: PreSignUpTriggerHandler = async (e) => e;\n",
    });
    const usage = cognitoUsageDetector.detect(index).map((f) => f.data as CognitoUsageData);
    expect(usage.map((u) => `${u.file}:${u.line} ${u.side} ${u.library} ${u.symbols.join(',')}`)).toEqual([
      'fn/trigger.ts:1 trigger aws-lambda PreSignUpTriggerHandler',
      'web/auth.ts:1 frontend aws-amplify/auth signIn',
    ]);
    expect(parsed.sort()).toEqual(['fn/trigger.ts', 'web/auth.ts']);
  });

  it('secrets sources: a CDK stack that only says "secret" is not parsed; one naming a parameter method is', async () => {
    const { index, parsed } = await spied({
      'infra/stack.ts': "import * as cdk from 'aws-cdk-lib';\n// no secret here\nexport class S extends cdk.Stack {}\n",
      'infra/params.ts':
        "import * as ssm from 'aws-cdk-lib/aws-ssm';\nexport const key = (s: any) => ssm.StringParameter.valueForStringParameter(s, '/app/api-key');\n",
    });
    const sources = secretsSourcesDetector.detect(index).map((f) => f.data as SecretSourceData);
    expect(sources.map((s) => `${s.file}:${s.line} ${s.provider} ${s.action} ${s.name}`)).toEqual(['infra/params.ts:2 ssm reference /app/api-key']);
    expect(parsed).toEqual(['infra/params.ts']);
  });

  it('react auth: a file importing { useMemo } is not parsed, a hook declared next to an imported auth hook is found', async () => {
    const files = {
      'src/List.tsx': "import { useMemo } from 'react';\nexport const List = () => useMemo(() => [], []);\n",
      'src/hooks.ts': "import { useAuth } from './auth';\nexport function useSignup() {\n  return useAuth();\n}\n",
    };
    const { index, parsed } = await spied(files);
    const found = authOf(index, '', Object.keys(files));
    expect(found.map((a) => `${a.kind} ${a.name} @ ${a.file}:${a.line}`)).toEqual(['hook useSignup @ src/hooks.ts:2']);
    expect(parsed).toEqual(['src/hooks.ts']);
  });

  it('HTTP calls: the text test passes every callee httpCalls reads and rejects wrappers it does not', () => {
    for (const text of ["api.get('/x')", "this.__post('/x', body)", "client?.delete(`/x/${id}`)", "await fetch('/x')", "request('GET', '/x')", "$fetch('/x')"]) {
      expect(mayHaveHttpCalls(text), text).toBe(true);
    }
    for (const text of ["import { csrfFetch } from './csrf';\ncsrfFetch('/x');", 'const total = items.length;']) {
      expect(mayHaveHttpCalls(text), text).toBe(false);
    }
  });
});

describe('env mentions', () => {
  it('env mentions: a question about code reads no settings file, and one about settings no source file', async () => {
    const index = await buildIndex(
      tempRepo({
        'src/app.ts': 'export const url = config.get("API_URL");\n',
        'deploy/values.yaml': 'env:\n  API_URL: https://example.test\n',
        'data/fixtures.json': '{"API_URL": "x"}\n',
      }),
    );
    const read: string[] = [];
    const original = index.read.bind(index);
    index.read = (file) => (read.push(file), original(file));
    const mentions = envMentions(index);
    expect(mentions.code('API_URL').map((m) => m.at)).toEqual([{ file: 'src/app.ts', line: 1 }]);
    expect(read).toContain('src/app.ts');
    expect(read.filter((f) => !f.endsWith('.ts'))).toEqual([]);
    read.length = 0;
    expect(mentions.settings('API_URL').map((m) => m.at.file)).toEqual(['data/fixtures.json', 'deploy/values.yaml']);
    expect(read).toEqual(expect.arrayContaining(['data/fixtures.json', 'deploy/values.yaml']));
    expect(read.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('counts the shapes of variable names: upper-case words of three or more, two-letter keys and members in code only', async () => {
    const index = await buildIndex(
      tempRepo({
        'src/config.ts': [
          'const c = { IP: Type.String(), TZ : 1 };', // two-letter keys
          'use(config.DB, x.Q1);', // members
          'A::B; if (OK) go(AB_); id(ID); const CI_2 = 1;', // `::`, a bare two-letter word, a trailing underscore
          'LONG_NAME_; $HOME_DIR; fooBAR; MAX3; API;', // trailing underscore, after `$`, inside a word, digits, letters
        ].join('\n'),
        'deploy/env.yaml': 'IP: 1\nOK: 2\nAPI_KEY: 3\n',
      }),
    );
    const mentions = envMentions(index);
    const inCode = (name: string) => mentions.code(name).map((m) => m.at.line);
    expect([inCode('IP'), inCode('TZ'), inCode('DB'), inCode('Q1'), inCode('CI_2'), inCode('HOME_DIR'), inCode('API')]).toEqual([[1], [1], [2], [2], [3], [4], [4]]);
    expect([inCode('OK'), inCode('ID'), inCode('AB_'), inCode('AB'), inCode('LONG_NAME_'), inCode('BAR'), inCode('MAX3'), inCode('A'), inCode('B')]).toEqual([[], [], [], [], [], [], [], [], []]);
    // Outside code a two-letter key is too common a word to count; three letters or an underscore are.
    expect([mentions.settings('IP'), mentions.settings('OK')].map((l) => l.length)).toEqual([0, 0]);
    expect(mentions.settings('API_KEY').map((m) => m.at.line)).toEqual([3]);
  });

  it('gives each name the line it is first on, however many names share a long line', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `"NAME_${i}"`).join(',');
    const index = await buildIndex(tempRepo({ 'data/dump.json': `[${names}]\n{"LATER_NAME": 1}\n\n"NAME_5"\n` }));
    const mentions = envMentions(index);
    expect(mentions.settings('NAME_2999').map((m) => m.at)).toEqual([{ file: 'data/dump.json', line: 1 }]);
    expect(mentions.settings('LATER_NAME').map((m) => m.at)).toEqual([{ file: 'data/dump.json', line: 2 }]);
    expect(mentions.settings('NAME_5').map((m) => m.at)).toEqual([{ file: 'data/dump.json', line: 1 }]);
  });
});
