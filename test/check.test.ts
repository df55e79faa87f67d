import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestOf, readDigest, withDigest } from '../src/check/fact-digest.js';
import { CLI } from './helpers/pty.js';
import { tempExample } from './helpers/temp-repo.js';

function cli(repo: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

describe('--check', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempExample();
    execFileSync(process.execPath, [CLI, repo, '--yes'], { stdio: 'ignore' });
  });

  it('exits 0 on a file accepted from the current code', () => {
    const r = cli(repo, '--check');
    expect(r.stdout).toContain('is current');
    expect(r.status).toBe(0);
  });

  it('names a removed route, an added GSI, a renamed file and a hand edit, and exits 3', () => {
    const drifted = tempExample();
    execFileSync(process.execPath, [CLI, drifted, '--yes'], { stdio: 'ignore' });
    const api = path.join(drifted, 'packages/infrastructure/lib/stacks/api-stack.ts');
    edit(api, (t) => t.replace(/^\s*addRoute\(namespaces, 'POST'.*\n/m, ''));
    edit(path.join(drifted, 'packages/infrastructure/lib/stacks/database-stack.ts'), (t) =>
      t.replace(
        '    // APIKeys',
        "    this.usersTable.addGlobalSecondaryIndex({ indexName: 'byPlan', partitionKey: { name: 'plan', type: dynamodb.AttributeType.STRING } });\n    // APIKeys",
      ),
    );
    renameSync(path.join(drifted, 'packages/api/src/lib/hash.ts'), path.join(drifted, 'packages/api/src/lib/hashing.ts'));
    edit(path.join(drifted, 'PROJECT-CONTEXT.md'), (t) => t.replace('## 9. Common Workflows', '## 9. Common Workflows\n\nOur own note.'));

    const r = cli(drifted, '--check');
    expect(r.status).toBe(3);
    // In words, not the detectors' kind names.
    expect(r.stdout).toMatch(/removed API endpoint "POST \/v1\/namespaces" \(\/packages\/infrastructure\/lib\/stacks\/api-stack\.ts\)/);
    expect(r.stdout).toMatch(/changed DynamoDB table "[^"]*Users"/);
    expect(r.stdout).not.toMatch(/\b(cdk|env|http|infra)\.[a-z]+/);
    // The count is of the lines printed above it.
    const printed = r.stdout.split('\n').filter((l) => l.startsWith('drift')).length;
    expect(r.stdout).toContain(`drifted: ${printed} differences`);
    expect(r.stdout).toContain('cites /packages/api/src/lib/hash.ts, which no longer exists');
    expect(r.stdout).toContain('step 9 (Common Workflows) was edited by hand');
    expect(r.stdout).toMatch(/project-context --steps [\d,]*3[\d,]*9/);

    const json = JSON.parse(cli(drifted, '--check', '--json').stdout);
    expect(json.schema).toBe('project-context/check');
    expect(json.current).toBe(false);
    expect(json.findings.some((f: { kind: string; fact?: { id: string } }) => f.kind === 'fact-removed' && f.fact?.id === 'POST /v1/namespaces')).toBe(true);
  });

  it('--diff shows what regenerating each drifted section would change, as a unified diff', () => {
    const drifted = tempExample();
    execFileSync(process.execPath, [CLI, drifted, '--yes'], { stdio: 'ignore' });
    edit(path.join(drifted, 'packages/infrastructure/lib/stacks/api-stack.ts'), (t) => t.replace(/^\s*addRoute\(namespaces, 'POST'.*\n/m, ''));
    const plain = cli(drifted, '--check');
    expect(plain.stdout).toContain('--check --diff shows what would change');
    const r = cli(drifted, '--check', '--diff');
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('What regenerating step 3 (Backend & API) would change:');
    expect(r.stdout).toMatch(/^--- step 3 in .*PROJECT-CONTEXT\.md$/m);
    expect(r.stdout).toMatch(/^-13 endpoints on API Gateway/m);
    expect(r.stdout).toMatch(/^\+12 endpoints on API Gateway/m);
    expect(r.stdout).toMatch(/^-\| `POST \/v1\/namespaces` /m);
    const json = JSON.parse(cli(drifted, '--check', '--diff', '--json').stdout);
    expect(json.diffs.map((d: { step: number }) => d.step)).toContain(3);
    expect(cli(drifted, '--diff').status).toBe(2);
  });

  it('regenerating the named steps brings the file back to current', () => {
    const fixed = tempExample();
    execFileSync(process.execPath, [CLI, fixed, '--yes'], { stdio: 'ignore' });
    edit(path.join(fixed, 'packages/infrastructure/lib/stacks/api-stack.ts'), (t) => t.replace(/^\s*addRoute\(namespaces, 'POST'.*\n/m, ''));
    expect(cli(fixed, '--check').status).toBe(3);
    execFileSync(process.execPath, [CLI, fixed, '--yes'], { stdio: 'ignore' });
    expect(cli(fixed, '--check').status).toBe(0);
  });

  it('fails plainly (exit 1) when there is no file to check', () => {
    const r = cli(tempExample(), '--check');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Run project-context first');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe('fact digest', () => {
  const fact = (id: string, data: unknown, line = 1) => ({ kind: 'cdk.route', id, data, at: [{ file: 'a.ts', line }] });

  it('round-trips through the section text and ignores line moves', () => {
    const text = withDigest('## 3. Backend\n\nbody\n', [fact('GET /a', { handler: 'x', line: 4 })]);
    expect(text.startsWith('## 3. Backend\n\nbody\n\n<!-- project-context:facts v1 ')).toBe(true);
    const read = readDigest(text);
    expect(read).toEqual(digestOf([fact('GET /a', { handler: 'x', line: 99 }, 50)]));
    expect(read).not.toEqual(digestOf([fact('GET /a', { handler: 'y' })]));
  });

  it('records ids that look like secrets redacted, and compares current facts under the same ids', () => {
    const id = 'AwsGenAILLMChatbotStack/UserInterface/PublicWebsite/S3OAIxQ9z';
    const facts = [{ kind: 'cdk.resource', id, data: {}, at: [{ file: 'lib/x.ts' }] }];
    const recorded = readDigest(withDigest('body\n', facts));
    expect(recorded?.[0].id).not.toBe(id);
    expect(recorded).toEqual(digestOf(facts));
  });

  it('replaces an older digest instead of stacking them', () => {
    const once = withDigest('body\n', [fact('GET /a', {})]);
    const twice = withDigest(once, [fact('GET /b', {})]);
    expect(twice.match(/project-context:facts/g)).toHaveLength(1);
    expect(readDigest(twice)?.map((e) => e.id)).toEqual(['GET /b']);
  });
});
