// `npm start`: builds the CLI (it says so: a cold build takes about 20 s, and a silent terminal looks stuck), then
// runs the wizard on the bundled example in this same process, writing to .demo/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
process.stderr.write('Building project-context (TypeScript, then the bundle; about 20 s the first time)…\n');
const npm = process.env.npm_execpath;
const build = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) {
  process.stderr.write('The build failed; the messages above say why.\n');
  process.exit(build.status ?? 1);
}
const args = ['examples/kv-store', '--output', '.demo/PROJECT-CONTEXT.md', '--state', '.demo/state.json', ...process.argv.slice(2)];
process.stderr.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s. Starting the wizard on examples/kv-store (writes .demo/PROJECT-CONTEXT.md)…\n`);
process.chdir(root);
process.argv = [process.argv[0], fileURLToPath(new URL('../dist/bin/cli.js', import.meta.url)), ...args];
await import('../dist/bin/cli.js');
