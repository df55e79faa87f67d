/**
 * Values that must never leave the process, each case of issue 18 (4, 8) at the level of the one redaction pass
 * (src/secrets/outbound.ts): credentials in command lines, literal values of environment variables wherever fact
 * data holds them, and passwords in URLs cut short. Commands stay readable; references stay, since they say where a
 * value comes from. The end-to-end proof is the secret canary (secret-canary.test.ts), which plants one such value
 * of each kind in a repository and reads every output of the CLI.
 */
import { describe, expect, it } from 'vitest';
import { redactData, redactFacts, redactText } from '../../src/secrets/outbound.js';
import { clip } from '../../src/secrets/clip.js';

describe('credentials in commands (issue 18, case 8)', () => {
  const cases: [string, string][] = [
    ['curl -u admin:hunter2 https://x.example.com', 'curl -u admin:[redacted] https://x.example.com'],
    ['curl --user admin:hunter2 https://x', 'curl --user admin:[redacted] https://x'],
    ['curl --user=admin:hunter2 https://x', 'curl --user=admin:[redacted] https://x'],
    ['wget --http-user=me --proxy-user ops:pa55 https://x', 'wget --http-user=me --proxy-user ops:[redacted] https://x'],
    ['mysql -uroot -pS3cret mydb', 'mysql -uroot -p[redacted] mydb'],
    ["mysqldump -u root -p'my pass' db > x.sql", "mysqldump -u root -p'[redacted]' db > x.sql"],
    ['curl -H "X-Api-Key: abc123" https://x', 'curl -H "X-Api-Key: [redacted]" https://x'],
    ["curl -H 'Authorization: Bearer short1' https://x", "curl -H 'Authorization: Bearer [redacted]' https://x"],
    ['curl --header "Authorization: Basic dXNlcjpwYXNz" https://x', 'curl --header "Authorization: Basic [redacted]" https://x'],
    ['tool login --password=pw1', 'tool login --password=[redacted]'],
    ['docker login --username me --password hunter2 registry', 'docker login --username me --password [redacted] registry'],
    ['cli --api-key=k1 --client-secret s2', 'cli --api-key=[redacted] --client-secret [redacted]'],
    ['cdk deploy --context dbPassword=abc -c stage=prod', 'cdk deploy --context dbPassword=[redacted] -c stage=prod'],
    ['cdk deploy -c apiToken=abc', 'cdk deploy -c apiToken=[redacted]'],
    ['PGPASSWORD=pw psql -h localhost', 'PGPASSWORD=[redacted] psql -h localhost'],
    ['AWS_SECRET_ACCESS_KEY=abc cdk deploy', 'AWS_SECRET_ACCESS_KEY=[redacted] cdk deploy'],
    ['export MYSQL_PWD=abc && mysql', 'export MYSQL_PWD=[redacted] && mysql'],
    ["DB_PASS='x y' node seed.js", "DB_PASS='[redacted]' node seed.js"],
    ['redis-cli -h cache -p 6379 -a s3cret ping', 'redis-cli -h cache -p 6379 -a [redacted] ping'],
    ["sshpass -p 'pw 1' ssh deploy@host", "sshpass -p '[redacted]' ssh deploy@host"],
    ['sshpass -pPw1 scp a host:b', 'sshpass -p[redacted] scp a host:b'],
    ['git clone https://deploy:hunter2@github.com/o/r.git', 'git clone https://deploy:[redacted]@github.com/o/r.git'],
    ['psql postgresql://app:hunter2@db:5432/app', 'psql postgresql://app:[redacted]@db:5432/app'],
    ['npm publish --//registry.npmjs.org/:_authToken=abc123', 'npm publish --//registry.npmjs.org/:_authToken=[redacted]'],
  ];
  it.each(cases)('%s', (command, expected) => {
    expect(redactText(command)).toBe(expected);
  });

  it('keeps references, ports, user:group pairs and ordinary flags readable', () => {
    for (const text of [
      'curl -u "$USER:$TOKEN" https://x',
      'curl -H "Authorization: Bearer ${{ secrets.TOKEN }}" https://x',
      'curl -H "X-Api-Key: $API_KEY" https://x',
      'docker run -u 1000:1000 node',
      'docker login --password-stdin',
      'jest --passWithNoTests',
      'PGPASSWORD=$DB_PASSWORD psql',
      'cdk deploy -c stage=prod --context region=eu-west-1',
      'git push -u origin main',
      'mysql -u root -p mydb',
      'redis-cli -h cache -p 6379 ping',
      'redis-cli -a "$REDIS_PASSWORD" ping',
      'sshpass -e ssh deploy@host',
      'git clone https://github.com/o/r.git',
      'vite --port 5173 --host',
      "headers: { Authorization: `Bearer ${token}` }",
      'NODE_ENV=production node server.js',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });
});

describe('literal values of environment variables in fact data (issue 18, case 4)', () => {
  it('CDK `environment` entries and props text: names and references stay, literals go', () => {
    const data = {
      props: { environment: "{ ADMIN_PASSWORD: 'hunter2', TABLE: props.table.tableName, PORT: 3000, URL: `${api.url}/v1` }", memorySize: '512' },
      environment: [
        { name: 'ADMIN_PASSWORD', value: "'hunter2'", literal: true },
        { name: 'TABLE', value: 'props.table.tableName', literal: false },
        { name: 'ROOT', value: '`${stage}-${name}`', literal: false },
        { name: 'PARAM', value: "ssm.StringParameter.valueForStringParameter(this, '/kv/key')", literal: false },
        { name: 'MODE', value: "isProd ? 'live-secret' : 'test'", literal: false },
      ],
    };
    expect(redactData(data)).toEqual({
      props: { environment: '{ ADMIN_PASSWORD: [value redacted], TABLE: props.table.tableName, PORT: 3000, URL: [value redacted] }', memorySize: '512' },
      environment: [
        { name: 'ADMIN_PASSWORD', value: '[value redacted]', literal: true },
        { name: 'TABLE', value: 'props.table.tableName', literal: false },
        { name: 'ROOT', value: '`${stage}-${name}`', literal: false },
        { name: 'PARAM', value: "ssm.StringParameter.valueForStringParameter(this, '/kv/key')", literal: false },
        { name: 'MODE', value: 'isProd ? [value redacted] : [value redacted]', literal: false },
      ],
    });
  });

  it('a props text cut short inside a database URL leaks nothing of the password', () => {
    const written = "{ ...common, DATABASE_URL: 'postgresql://app:Sup3rLongPassw0rdValue@db.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com:5432/app' }";
    const cut = `${written.slice(0, 60)}…`; // what a detector that shortens without `clip` would keep
    expect(cut).toContain('Sup3rLong');
    expect(redactData({ props: { environment: cut } }).props.environment).toBe('{ ...common, DATABASE_URL: [value redacted]');
    // Anywhere, not only under an environment key: the URL's password is cut out even when the `@` was cut off.
    expect(redactText("connect('postgres://app:Sup3rLongPa…")).toBe("connect('postgres://app:[redacted]…");
    expect(redactText('see http://localhost:5173 and redis://cache:6379')).toBe('see http://localhost:5173 and redis://cache:6379');
    // `clip` redacts before it cuts.
    expect(clip(written, 60)).not.toMatch(/Sup3r/);
    expect(clip(`x ${'sk_' + 'live_'}51HxYz9aBcDeFgHiJkLmNoPq`, 14)).toBe('x [redacted]');
  });

  it('maps and lists of other formats: compose, Kubernetes, Dockerfile lines, serverless; a deployment environment name stays', () => {
    expect(redactData({ environment: { POSTGRES_PASSWORD: 'hunter2', POSTGRES_USER: 'canary', REF: '${DB_PASSWORD}', N: '5' } })).toEqual({
      environment: { POSTGRES_PASSWORD: '[value redacted]', POSTGRES_USER: '[value redacted]', REF: '${DB_PASSWORD}', N: '5' },
    });
    expect(redactData({ env: [{ name: 'DB_PASSWORD', value: 'hunter2' }, 'API_TOKEN=abc', 'NAME_ONLY'] })).toEqual({
      env: [{ name: 'DB_PASSWORD', value: '[value redacted]' }, 'API_TOKEN=[value redacted]', 'NAME_ONLY'],
    });
    expect(redactData({ env: 'ENV ADMIN=1\nENV PASSWORD=abc\nexport TOKEN=x\nREF=$X' }).env).toBe('ENV ADMIN=1\nENV PASSWORD=[value redacted]\nexport TOKEN=[value redacted]\nREF=$X');
    expect(redactData({ jobs: [{ environment: 'production' }] })).toEqual({ jobs: [{ environment: 'production' }] });
    // Not values: an empty default, and a CDK stack's `env` (where it deploys).
    expect(redactData({ env: [{ name: 'URL', value: "process.env.URL ?? ''" }] })).toEqual({ env: [{ name: 'URL', value: "process.env.URL ?? ''" }] });
    expect(redactData({ props: { env: "{ account: process.env.CDK_DEFAULT_ACCOUNT, region: 'us-east-1', }" } }).props.env).toBe("{ account: process.env.CDK_DEFAULT_ACCOUNT, region: 'us-east-1', }");
  });

  it('facts: ids and data redacted once, the same objects on a second pass (every sink may call it again)', () => {
    const raw = [{ kind: 'scripts.script', id: 'app login', data: { command: 'tool --password=pw1' }, at: [{ file: 'package.json', line: 3 }] }];
    const once = redactFacts(raw);
    expect(once[0].data).toEqual({ command: 'tool --password=[redacted]' });
    expect(redactFacts(once)[0]).toBe(once[0]);
    expect(redactFacts(raw)[0]).toBe(once[0]);
  });
});
