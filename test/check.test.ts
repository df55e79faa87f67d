import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digestOf, readDigest, withDigest } from '../src/check/fact-digest.js';
import { parseFactRecord, pruned, recordedFacts, serializeFactRecord, withSection, EMPTY_RECORD } from '../src/check/fact-record.js';
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

  it('works on a clean clone that has only the committed files, and the file holds no hidden fact lines', () => {
    const origin = tempExample();
    const git = (cwd: string, ...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', '-c', 'core.fsmonitor=false', ...a], { cwd, stdio: 'ignore' });
    git(origin, 'init', '-q');
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', 'code');
    execFileSync(process.execPath, [CLI, origin, '--yes'], { stdio: 'ignore' });
    git(origin, 'add', 'PROJECT-CONTEXT.md', 'PROJECT-CONTEXT.facts.json');
    git(origin, 'commit', '-qm', 'context');
    const clone = mkdtempSync(path.join(os.tmpdir(), 'pc-clone-'));
    execFileSync('git', ['clone', '-q', origin, clone], { stdio: 'ignore' });
    expect(existsSync(path.join(clone, '.project-context'))).toBe(false);
    const r = cli(clone, '--check');
    expect(r.stdout).toContain('is current');
    expect(r.status).toBe(0);
    // The markdown carries only its marker lines as hidden text: far under 5 % of its bytes.
    const text = readFileSync(path.join(clone, 'PROJECT-CONTEXT.md'), 'utf8');
    expect(text).not.toContain('project-context:facts');
    const hidden = text.split('\n').filter((l) => l.startsWith('<!--')).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(hidden / Buffer.byteLength(text)).toBeLessThan(0.05);
    // Without the record, --check still checks paths and says how to get fact checks back.
    rmSync(path.join(clone, 'PROJECT-CONTEXT.facts.json'));
    const without = cli(clone, '--check');
    expect(without.stdout).toContain('step 3 (Backend & API) has no fact record (PROJECT-CONTEXT.facts.json is missing beside it: commit it with the file, or regenerate with --steps 3)');
    expect(without.status).toBe(0);
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

describe('fact record beside the output', () => {
  const entry = (kind: string, id: string, hash: string, file?: string) => ({ kind, id, hash, file });
  const all = () => true;

  it('keeps one table per kind for the sections that share it, and reads back what each section was built from', () => {
    let record = withSection(EMPTY_RECORD, 3, 'h3', [entry('cdk.route', 'GET /a', '1111111111', 'lib/api.ts'), entry('cdk.table', 'Users', '2222222222', 'lib/db.ts')], all);
    record = withSection(record, 4, 'h4', [entry('cdk.table', 'Users', '2222222222', 'lib/db.ts')], all);
    const text = serializeFactRecord(record);
    expect(text.match(/"Users"/g)).toHaveLength(1);
    // One fact per line, so a pull request shows which facts changed.
    expect(text).toContain('\n      ["GET /a","1111111111","lib/api.ts"]');
    const back = parseFactRecord(text)!;
    expect(recordedFacts(back, 3, 'h3')).toEqual({ entries: [entry('cdk.route', 'GET /a', '1111111111', 'lib/api.ts'), entry('cdk.table', 'Users', '2222222222', 'lib/db.ts')], superseded: [] });
    expect(recordedFacts(back, 3, 'another-hash')).toBeUndefined();
    expect(serializeFactRecord(back)).toBe(text);
  });

  it('says when a later section recorded a shared kind from other facts', () => {
    let record = withSection(EMPTY_RECORD, 3, 'h3', [entry('cdk.table', 'Users', '2222222222')], all);
    record = withSection(record, 4, 'h4', [entry('cdk.table', 'Users', '3333333333')], all);
    expect(recordedFacts(record, 3, 'h3')?.superseded).toEqual(['cdk.table']);
    expect(recordedFacts(record, 4, 'h4')?.superseded).toEqual([]);
  });

  it('drops the records of blocks no longer in the file, and the kinds only they used', () => {
    let record = withSection(EMPTY_RECORD, 3, 'old', [entry('cdk.route', 'GET /a', '1')], all);
    record = withSection(record, 3, 'new', [entry('http.route', 'GET /b', '2')], all);
    expect(record.sections.map((s) => s.hash)).toEqual(['new', 'old']);
    const next = pruned(record, (_step, hash) => hash === 'new');
    expect(next.sections.map((s) => s.hash)).toEqual(['new']);
    expect(Object.keys(next.facts)).toEqual(['http.route']);
    expect(pruned(next, all)).toBe(next);
  });

  it('refuses text that is not a record of this version', () => {
    expect(parseFactRecord('{"schema":"project-context/facts","version":2,"sections":[],"facts":{}}')).toBeUndefined();
    expect(parseFactRecord('not json')).toBeUndefined();
    expect(parseFactRecord(serializeFactRecord(EMPTY_RECORD))).toEqual(EMPTY_RECORD);
  });
});
