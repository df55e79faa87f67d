import path from 'node:path';
import type { OpenSessionOptions } from '../../src/wizard/session.js';

/** Session options for a repository in a temp folder: default output and state paths, resume without asking. */
export function sessionOptions(root: string, over: Partial<OpenSessionOptions> = {}): OpenSessionOptions {
  return {
    root,
    output: path.join(root, 'PROJECT-CONTEXT.md'),
    stateFile: path.join(root, '.project-context/state.json'),
    steps: [1, 2],
    restart: false,
    gitHead: null,
    askResume: async () => 'resume',
    notice: () => undefined,
    ...over,
  };
}
