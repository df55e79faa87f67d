import { describe, expect, it } from 'vitest';
import { parseCli, parseStepList } from '../src/cli/args.js';
import path from 'node:path';
import { UsageError } from '../src/errors.js';
import { focusPath } from '../src/wizard/run-options.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('parseCli', () => {
  it('defaults to the current folder and every step', () => {
    const o = parseCli([]);
    expect(o.dir).toBe('.');
    expect(o.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(o.yes).toBe(false);
  });

  it('reads every flag of the contract', () => {
    const o = parseCli(['repo', '--yes', '--output', 'out.md', '--state', 's.json', '--restart', '--steps', '3-5', '--vision', 'v.md']);
    expect(o).toMatchObject({ dir: 'repo', yes: true, output: 'out.md', state: 's.json', restart: true, steps: [3, 4, 5], vision: 'v.md' });
  });

  it('reads --detail and --focus, and refuses a detail level it does not know', () => {
    expect(parseCli([]).detail).toBe('budget');
    expect(parseCli(['--detail', 'full']).detail).toBe('full');
    expect(parseCli(['--focus', 'packages/api']).focus).toBe('packages/api');
    expect(() => parseCli(['--detail', 'most'])).toThrow('--detail takes budget or full; "most" is neither.');
    expect(() => parseCli(['--focus', ''])).toThrow('--focus needs a value.');
  });

  it('resolves --focus against the repository (as the map cites it) or the current folder, and refuses a path that is not there', () => {
    const root = tempRepo({ 'packages/api/package.json': '{}' });
    expect(focusPath('packages/api', root, '/')).toBe('packages/api');
    expect(focusPath('/packages/api', root, '/')).toBe('packages/api');
    expect(focusPath('./api', root, path.join(root, 'packages'))).toBe('packages/api');
    expect(() => focusPath('packages/nope', root, root)).toThrow(/--focus packages\/nope: there is no such file or folder/);
  });

  it('rejects unknown flags and stray arguments as usage errors (exit 2)', () => {
    expect(() => parseCli(['--nope'])).toThrow(UsageError);
    expect(() => parseCli(['--nope'])).toThrow('Unknown option --nope.');
    expect(() => parseCli(['a', 'b'])).toThrow('Expected one folder');
    expect(() => parseCli(['--output'])).toThrow(/--output needs a value/);
    try {
      parseCli(['--steps', '11']);
    } catch (e) {
      expect((e as UsageError).exitCode).toBe(2);
    }
  });

  it('parses the config subcommand', () => {
    expect(parseCli(['config', 'editor', 'code --wait']).config).toEqual(['editor', 'code --wait']);
  });
});

describe('parseStepList', () => {
  it('takes lists and ranges, sorted and unique', () => {
    expect(parseStepList('1,2')).toEqual([1, 2]);
    expect(parseStepList('3-5')).toEqual([3, 4, 5]);
    expect(parseStepList('10, 1,3-4,3')).toEqual([1, 3, 4, 10]);
  });

  it('explains what is wrong', () => {
    expect(() => parseStepList('0')).toThrow('There is no step 0; steps are 1 to 10.');
    expect(() => parseStepList('5-3')).toThrow('goes backwards');
    expect(() => parseStepList('one')).toThrow('neither');
  });
});
