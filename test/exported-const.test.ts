import { describe, expect, it } from 'vitest';
import { exportedConst } from '../src/detectors/shared/exported-const.js';
import { portSetting } from '../src/detectors/shared/port-value.js';
import { ts, walk } from '../src/scan/ts.js';
import { indexOf } from './helpers/fixture.js';

const FIXTURE = 'shared-exported-const';

async function constOf(module: string, imported: string) {
  const index = await indexOf(FIXTURE);
  const found = exportedConst(index, 'src/use.ts', module, imported);
  return found && { file: found.sf.fileName, value: found.value.getText(found.sf) };
}

describe('exportedConst: the constant another module exports, through barrels and forwarding', () => {
  it('finds it behind `export * from` and a renaming `export { x as y } from`', async () => {
    expect(await constOf('./config', 'CLIENT')).toEqual({ file: 'src/config/app.ts', value: '{ DEFAULT_PORT: 3000 }' });
    expect(await constOf('./config', 'APP_CLIENT')).toEqual({ file: 'src/config/app.ts', value: '{ DEFAULT_PORT: 3000 }' });
  });

  it('follows a name imported and exported again by name', async () => {
    expect(await constOf('./config/forward', 'CLIENT')).toEqual({ file: 'src/config/app.ts', value: '{ DEFAULT_PORT: 3000 }' });
  });

  it('reads `export default NAME` as the constant NAME', async () => {
    expect(await constOf('./config/settings', 'default')).toEqual({ file: 'src/config/settings.ts', value: '{ port: 4000 }' });
  });

  it('gives nothing for a function, a missing name or an unresolved module', async () => {
    expect(await constOf('./config', 'makeClient')).toBeUndefined();
    expect(await constOf('./config', 'MISSING')).toBeUndefined();
    expect(await constOf('some-package', 'CLIENT')).toBeUndefined();
  });
});

describe('portSetting reads an imported constant object with the same resolver', () => {
  it('resolves `CLIENT.DEFAULT_PORT` imported through a barrel', async () => {
    const index = await indexOf(FIXTURE);
    const sf = index.parse('vite.config.ts')!;
    let port: ts.Expression | undefined;
    walk(sf, (n) => {
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'port') port = n.initializer;
      return undefined;
    });
    expect(portSetting(index, 'vite.config.ts', port)).toEqual({ line: 5, port: 3000, written: 'CLIENT.DEFAULT_PORT' });
  });
});
