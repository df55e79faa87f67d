import { describe, expect, it } from 'vitest';
import { backendCodeDetector } from '../src/detectors/backend-code/index.js';
import { exportedNames } from '../src/detectors/shared/naming.js';
import { exportedNamesFromText } from '../src/detectors/shared/text-scan.js';
import { detect, indexOf } from './helpers/fixture.js';

const FIXTURE = 'be-namespaces';

describe('exports of a module with TypeScript namespaces', () => {
  it('are the namespaces, not the functions inside them (text and tree readers agree)', async () => {
    const index = await indexOf(FIXTURE);
    for (const [file, names] of [
      ['src/util/index.ts', ['Util', 'VERSION']],
      ['src/lib/billing.ts', ['Billing']],
    ] as const) {
      expect(exportedNamesFromText(index.read(file)!)).toEqual(names);
      expect([...exportedNames(index.parse(file)!)].sort()).toEqual(names);
    }
    expect(exportedNamesFromText("declare module 'x' {\n  export const a: number;\n}\nexport const b = 1;")).toEqual(['b']);
  });

  it('are what the backend utilities table lists', async () => {
    const libs = (await detect(backendCodeDetector, FIXTURE)).filter((f) => f.kind === 'backend.shared-lib');
    expect(libs.map((f) => [f.id, (f.data as { exports: string[] }).exports])).toEqual([
      ['src/lib/billing.ts', ['Billing']],
      ['src/util/index.ts', ['Util', 'VERSION']],
    ]);
  });
});
