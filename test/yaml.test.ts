import { describe, expect, it } from 'vitest';
import { readCiFile } from '../src/detectors/ci/index.js';
import { get, keys, parseYaml, parseYamlDocuments, scalar, strings, type YamlNode } from '../src/scan/yaml.js';

const lines = (...l: string[]) => l.join('\n');
const items = (node: YamlNode | undefined) => (node?.kind === 'seq' ? node.items : []);

describe('the YAML module (the yaml library with lines)', () => {
  it('reads block and flow collections, block scalars, comments, anchors and merge keys with lines', () => {
    const { root, problems } = parseYaml(
      lines(
        '.base: &base',
        '  image: node:20',
        'job:',
        '  <<: *base',
        '  script:',
        '    - |',
        '      echo "a # b"',
        '',
        '      echo c',
        '    - >-',
        '      folded',
        '      text',
        '  only: [main, "release/*"]  # trailing comment',
        '  vars: {A: 1, B: "x, y"}',
        'url: http://x.test/a#frag',
        'version: 20.10',
        'on: push',
      ),
    );
    expect(problems).toEqual([]);
    const job = get(root, 'job');
    expect(scalar(get(job, 'image'))).toBe('node:20');
    expect(strings(get(job, 'script'))).toEqual(['echo "a # b"\n\necho c\n', 'folded text']);
    expect(strings(get(job, 'only'))).toEqual(['main', 'release/*']);
    expect(scalar(get(get(job, 'vars'), 'B'))).toBe('x, y');
    expect(scalar(get(root, 'url'))).toBe('http://x.test/a#frag');
    // Scalars are kept as written: a version is not turned into the number 20.1, `on` is not the boolean true.
    expect(scalar(get(root, 'version'))).toBe('20.10');
    expect(keys(root)).toContain('on');
    expect(job?.kind === 'map' && job.entries.find((e) => e.key === 'script')?.line).toBe(5);
  });

  it('keeps the rest of a job after an anchored sequence item, and resolves its alias', () => {
    const { root } = parseYaml(
      lines(
        'jobs:',
        '  build:',
        '    steps:',
        '      - &checkout',
        '        uses: actions/checkout@v4',
        '        with: {fetch-depth: 0}',
        '      - run: npm test',
        '    runs-on: ubuntu-latest',
        '  deploy:',
        '    steps:',
        '      - *checkout',
        '      - &deploy run: npm run deploy',
        '      - run: echo done',
      ),
    );
    const build = get(get(root, 'jobs'), 'build');
    expect(items(get(build, 'steps')).map((s) => scalar(get(s, 'uses')) ?? scalar(get(s, 'run')))).toEqual(['actions/checkout@v4', 'npm test']);
    expect(scalar(get(build, 'runs-on'))).toBe('ubuntu-latest');
    const deploy = items(get(get(get(root, 'jobs'), 'deploy'), 'steps'));
    expect(deploy).toHaveLength(3);
    expect(scalar(get(get(deploy[0], 'with'), 'fetch-depth'))).toBe('0');
    expect(scalar(get(deploy[1], 'run'))).toBe('npm run deploy');
    expect(scalar(get(deploy[2], 'run'))).toBe('echo done');
  });

  it('keeps the next step and job after a block scalar with an indentation indicator', () => {
    const { root } = parseYaml(
      lines(
        'jobs:',
        '  a:',
        '    steps:',
        '      - run: |2',
        '            indented',
        '          less',
        '      - run: next',
        '  b:',
        '    runs-on: x',
      ),
    );
    const steps = items(get(get(get(root, 'jobs'), 'a'), 'steps'));
    expect(steps.map((s) => scalar(get(s, 'run')))).toEqual(['  indented\nless\n', 'next']);
    expect(scalar(get(get(get(root, 'jobs'), 'b'), 'runs-on'))).toBe('x');
  });

  it('merges every map of `<<: [*a, *b]`, the first source and the own keys winning', () => {
    const { root } = parseYaml(lines('a: &a {x: 1, y: 1}', 'b: &b {y: 2, z: 2}', 'c:', '  <<: [*a, *b]', '  x: 3'));
    const c = get(root, 'c');
    expect(Object.fromEntries(keys(c).map((k) => [k, scalar(get(c, k))]))).toEqual({ x: '3', y: '1', z: '2' });
  });

  it('keeps nested sequences nested', () => {
    const { root } = parseYaml(lines('m:', '  - - a', '    - b', '  - - c', '    - [d, [e]]'));
    const m = items(get(root, 'm'));
    expect(m.map((i) => i.kind)).toEqual(['seq', 'seq']);
    expect(strings(m[0])).toEqual(['a', 'b']);
    expect(strings(items(m[1])[1])).toEqual(['d']);
    expect(strings(items(items(m[1])[1])[1])).toEqual(['e']);
  });

  it('keeps CloudFormation short forms as the long form a JSON template has', () => {
    const { root, problems } = parseYaml(
      lines(
        'A: !Ref Table',
        'B: !GetAtt Table.StreamArn',
        'C: !Sub "${AWS::StackName}-x"',
        'D: !Join',
        "  - '-'",
        '  - - !Ref Stage',
        '    - users',
        'E: !If [IsProd, !Ref A, !Ref "AWS::NoValue"]',
        'F: !Select [0, !GetAZs ""]',
        'G: !FindInMap [M, !Ref Env, K]',
        'H: !ImportValue shared-vpc',
        'I: !Base64 text',
        'J: !Equals [a, b]',
        'K: !Not [!Condition C]',
        'L: !Split [",", !Ref List]',
        'M: !Cidr [10.0.0.0/16, 4, 8]',
        'N: !And [!Condition A, !Or [!Condition B, !Condition C]]',
      ),
    );
    expect(problems).toEqual([]);
    const json = (k: string) => toJs(get(root, k));
    expect(json('A')).toEqual({ Ref: 'Table' });
    expect(json('B')).toEqual({ 'Fn::GetAtt': ['Table', 'StreamArn'] });
    expect(json('C')).toEqual({ 'Fn::Sub': '${AWS::StackName}-x' });
    expect(json('D')).toEqual({ 'Fn::Join': ['-', [{ Ref: 'Stage' }, 'users']] });
    expect(json('E')).toEqual({ 'Fn::If': ['IsProd', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] });
    expect(json('F')).toEqual({ 'Fn::Select': ['0', { 'Fn::GetAZs': '' }] });
    expect(json('G')).toEqual({ 'Fn::FindInMap': ['M', { Ref: 'Env' }, 'K'] });
    expect(json('H')).toEqual({ 'Fn::ImportValue': 'shared-vpc' });
    expect(json('I')).toEqual({ 'Fn::Base64': 'text' });
    expect(json('J')).toEqual({ 'Fn::Equals': ['a', 'b'] });
    expect(json('K')).toEqual({ 'Fn::Not': [{ Condition: 'C' }] });
    expect(json('L')).toEqual({ 'Fn::Split': [',', { Ref: 'List' }] });
    expect(json('M')).toEqual({ 'Fn::Cidr': ['10.0.0.0/16', '4', '8'] });
    expect(json('N')).toEqual({ 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] });
  });

  it('reads every document of a multi-document stream with its own lines', () => {
    const { docs, problems } = parseYamlDocuments(lines('kind: Deployment', 'metadata: {name: api}', '---', '# a comment', '---', 'kind: Service', 'spec:', '  ports: [{port: 80}]'));
    expect(problems).toEqual([]);
    expect(docs.map((d) => scalar(get(d, 'kind')))).toEqual(['Deployment', 'Service']);
    expect(docs[1].line).toBe(6);
  });

  it('reads JSON (a CloudFormation template in JSON) with lines', () => {
    const { root } = parseYaml('{\n  "Resources": {\n\t"T": { "Type": "AWS::DynamoDB::Table" }\n  }\n}\n');
    const t = get(get(root, 'Resources'), 'T');
    expect(scalar(get(t, 'Type'))).toBe('AWS::DynamoDB::Table');
    expect(t?.line).toBe(3);
  });

  it('never throws on bad YAML: what parses is used, the error is a problem with its line', () => {
    expect(() => parseYaml('a: [1, 2\nb: {c\n  - : :\n\t- x')).not.toThrow();
    const { root, problems } = parseYaml(lines('name: ok', 'jobs:', '  a:', '    steps: [unclosed', 'other: 1'));
    expect(scalar(get(root, 'name'))).toBe('ok');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].line).toBeGreaterThanOrEqual(4);
  });

  it('leaves aliases unresolved past a budget (an alias bomb is not expanded)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const started = performance.now();
    const { problems } = parseYaml(bomb.join('\n'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems.map((p) => p.message)).toContain('too many aliases: the rest are left unresolved');
  });
});

describe('CI files through the YAML module', () => {
  it('an anchored step and a `run: |2` block keep the rest of the workflow', () => {
    const data = readCiFile(
      '.github/workflows/ci.yml',
      lines(
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - &checkout',
        '        uses: actions/checkout@v4',
        '      - run: |2',
        '            npm ci',
        '          npm test',
        '      - run: npm run build',
        '  deploy:',
        '    needs: build',
        '    steps:',
        '      - *checkout',
        '      - run: npm run deploy',
      ),
    );
    expect(data.triggers.map((t) => t.event)).toEqual(['push']);
    expect(data.jobs.map((j) => j.id)).toEqual(['build', 'deploy']);
    expect(data.jobs[0].steps.map((s) => s.uses ?? s.run)).toEqual(['actions/checkout@v4', '  npm ci\nnpm test', 'npm run build']);
    // The anchored step is cited at its first key (the anchor's own line holds no content).
    expect(data.jobs[0].steps.map((s) => s.line)).toEqual([7, 8, 11]);
    expect(data.jobs[1]).toMatchObject({ needs: ['build'] });
    expect(data.jobs[1].steps.map((s) => s.uses ?? s.run)).toEqual(['actions/checkout@v4', 'npm run deploy']);
  });

  it('a broken workflow keeps what parsed and reports where it broke', () => {
    const problems: { line: number; message: string }[] = [];
    const data = readCiFile('.github/workflows/x.yml', lines('on: push', 'jobs:', '  a:', '    steps:', '      - run: x', '     b: y', '  c:', '    steps: []'), problems);
    expect(data.triggers.map((t) => t.event)).toEqual(['push']);
    expect(data.jobs.map((j) => j.id)).toEqual(['a', 'c']);
    expect(problems).toEqual([{ line: 6, message: 'All mapping items must start at the same column' }]);
  });
});

function toJs(node: YamlNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJs);
  return Object.fromEntries(node.entries.map((e) => [e.key, toJs(e.value)]));
}
