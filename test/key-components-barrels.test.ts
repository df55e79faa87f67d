import { describe, expect, it } from 'vitest';
import { reactAppDetector, type ApiClientData, type KeyComponentData } from '../src/detectors/react-app/index.js';
import { reactRouterDetector } from '../src/detectors/react-router/index.js';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'ui-app', dependencies: { react: '18', 'react-dom': '18', 'react-router-dom': '5' }, devDependencies: { vite: '5' } });
const components = async (dir: string) =>
  (await detect(reactAppDetector, dir)).filter((f) => f.kind === 'react.component').map((f) => f.data as KeyComponentData).map((c) => `${c.name} @ ${c.file}:${c.line} ${c.usedBy}`);

describe('Key components behind barrels and default exports', () => {
  it('cites each component at its definition, not at the barrel that re-exports it, and counts direct and barrel importers together', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/components/Button.tsx': '// the button\nexport const Button = () => <button />;\n',
      'src/components/Card.tsx': 'import React from "react";\n\nconst Card = () => <div />;\nexport default Card;\n',
      'src/components/Modal/Modal.tsx': '\n\nexport function Modal() { return <div />; }\n',
      'src/components/Modal/index.ts': "export * from './Modal';\n",
      'src/components/index.ts': "export { Button } from './Button';\nexport { default as Card } from './Card';\nexport * from './Modal';\n",
      'src/a.tsx': "import { Button, Card, Modal } from './components';\nexport const A = () => <Card><Button /><Modal /></Card>;\n",
      'src/b.tsx': "import { Button, Modal } from './components';\nexport const B = () => <Modal><Button /></Modal>;\n",
      'src/c.tsx': "import { Button } from './components/Button';\nimport { Card } from './components';\nexport const C = () => <Card><Button /></Card>;\n",
    });
    expect(await components(dir)).toEqual(['Button @ src/components/Button.tsx:2 3', 'Card @ src/components/Card.tsx:3 2', 'Modal @ src/components/Modal/Modal.tsx:3 2']);
  });

  it('names a default export by the name most importers give it, falling back to its declared name', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/Nav.tsx': 'const Nav = () => <nav />;\nexport default Nav;\n',
      'src/Panel.tsx': "import { connect } from 'react-redux';\nfunction Panel() { return <div />; }\nexport default connect(null)(Panel);\n",
      'src/a.tsx': "import Navigation from './Nav';\nimport Panel from './Panel';\nexport const A = () => <Panel><Navigation /></Panel>;\n",
      'src/b.tsx': "import Navigation from './Nav';\nimport ConnectedPanel from './Panel';\nexport const B = () => <ConnectedPanel><Navigation /></ConnectedPanel>;\n",
      'src/c.tsx': "import Nav from './Nav';\nexport const C = () => <Nav />;\n",
    });
    expect(await components(dir)).toEqual(['Navigation @ src/Nav.tsx:1 3', 'Panel @ src/Panel.tsx:2 2']);
  });

  it('cites a lazy route page at its definition when its folder has an index barrel', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/pages/Login/index.ts': "export { default } from './Login';\n",
      'src/pages/Login/Login.tsx': '\n\nconst Login = () => <form />;\nexport default Login;\n',
      'src/Routes.tsx': [
        "import { lazy } from 'react';",
        "import { Route, Switch } from 'react-router-dom';",
        "const Login = lazy(() => import('./pages/Login'));",
        'export const Routes = () => <Switch><Route path="/login" component={Login} /></Switch>;',
      ].join('\n'),
    });
    const routes = (await detect(reactRouterDetector, dir)).filter((f) => f.kind === 'react-router.route').map((f) => f.data as FrontendRouteData);
    expect(routes.map((r) => `${r.path} ${r.component} @ ${r.file}:${r.line}`)).toEqual(['/login Login @ src/pages/Login/Login.tsx:3']);
  });

  it("counts an API client's users through its folder's index barrel", async () => {
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'ui-app', dependencies: { react: '18', 'react-dom': '18', axios: '1' }, devDependencies: { vite: '5' } }),
      'src/services/base/base.ts': "import axios from 'axios';\nconst api = axios.create({ baseURL: '/api' });\nexport default api;\n",
      'src/services/base/other.ts': 'export const unrelated = 1;\n',
      'src/services/base/index.ts': "export { default } from './base';\n",
      'src/services/user.ts': "import api from './base';\nexport const me = () => api.get('/me');\n",
      'src/services/auth.ts': "import api from './base';\nexport const login = () => api.post('/login');\n",
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(<div />);\n",
    });
    const clients = (await detect(reactAppDetector, dir)).filter((f) => f.kind === 'react.api-client').map((f) => f.data as ApiClientData);
    expect(clients.map((c) => `${c.file} ${c.usedBy} ${c.endpoints.map((e) => `${e.method} ${e.path}`).join(',')}`)).toEqual(['src/services/base/base.ts 2 POST /login,GET /me']);
  });

  it('leaves out a type re-exported type-only from a component file (`export type { ErrorMessages }`)', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/apollo/types.ts': 'export type ErrorMessages<T extends string> = Record<T, string>;\n',
      'src/apollo/client.tsx': "import type { ErrorMessages } from './types';\nexport const ApolloWrapper = () => <div />;\nexport type { ErrorMessages };\nexport { type ErrorMessages as Messages };\n",
      'src/a.tsx': "import { ApolloWrapper, ErrorMessages, Messages } from './apollo/client';\nexport const m: ErrorMessages<'x'> | Messages<'y'> = { x: '' };\nexport const A = () => <ApolloWrapper />;\n",
      'src/b.tsx': "import { ApolloWrapper, ErrorMessages } from './apollo/client';\nexport const m: ErrorMessages<'x'> = { x: '' };\nexport const B = () => <ApolloWrapper />;\n",
    });
    expect(await components(dir)).toEqual(['ApolloWrapper @ src/apollo/client.tsx:2 2']);
  });
});

