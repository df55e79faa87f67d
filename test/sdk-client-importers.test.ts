import { describe, expect, it } from 'vitest';
import { reactAppDetector, type ApiClientData } from '../src/detectors/react-app/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// The cited client module is one file calling a workspace SDK; the count a reader needs is how many files of the app
// import the SDK, in every form (`import type`, a subpath), not how many import that one module.
describe('a workspace SDK client counts the files importing the package', () => {
  it('counts plain, type-only and subpath imports of the SDK across the app', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/api-client/package.json': JSON.stringify({ name: '@acme/api-client', version: '1.0.0', main: 'src/index.ts' }),
      'packages/api-client/src/index.ts': 'export const createSession = async (base: string, body: unknown) => fetch(`${base}/session`, { method: "POST", body: JSON.stringify(body) });\nexport type Order = { id: string };\n',
      'apps/web/package.json': JSON.stringify({ name: 'web', private: true, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0', '@acme/api-client': '*' }, devDependencies: { vite: '^5.0.0' } }),
      'apps/web/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'apps/web/index.html': '<div id="root"></div><script type="module" src="/src/main.tsx"></script>',
      'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\nimport { Pay } from './Pay';\ncreateRoot(document.getElementById('root')!).render(<Pay />);\n",
      'apps/web/src/Pay.tsx': "import { createSession } from '@acme/api-client';\nexport const Pay = () => <button onClick={() => createSession('/api', {})}>pay</button>;\n",
      'apps/web/src/Orders.tsx': "import type { Order } from '@acme/api-client';\nexport const Orders = ({ o }: { o: Order[] }) => <ul>{o.map((x) => <li key={x.id} />)}</ul>;\n",
      'apps/web/src/Status.tsx': "import { status } from '@acme/api-client/status';\nexport const Status = () => <p>{String(status)}</p>;\n",
    });
    const clients = (await detect(reactAppDetector, root)).filter((f) => f.kind === 'react.api-client').map((f) => f.data as ApiClientData);
    const pay = clients.find((c) => c.file === 'apps/web/src/Pay.tsx');
    expect(pay?.transport).toBe('@acme/api-client');
    expect(pay?.usedBy).toBe(1);
    expect(pay?.sdkImportedBy).toBe(3);
  });
});
