import { describe, expect, it } from 'vitest';
import { reactRouterDetector } from '../src/detectors/react-router/index.js';
import type { FrontendRouteData, } from '../src/detectors/shared/frontend-route.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'rr5', dependencies: { react: '17', 'react-dom': '17', 'react-router-dom': '5', 'react-scripts': '4' } });
const PAGES = 'export const Home = () => <p/>;\nexport const Login = () => <p/>;\nexport const Register = () => <p/>;\nexport const About = () => <p/>;\n';
const row = (r: FrontendRouteData) => `${r.path} → ${r.component ?? '-'} @ ${r.file ?? '-'}:${r.line ?? ''}${r.guards.length ? ` [${r.guards.join(', ')}]` : ''}`;
const routes = async (dir: string) => (await detect(reactRouterDetector, dir)).filter((f) => f.kind === 'react-router.route').map((f) => row(f.data as FrontendRouteData)).sort();

describe('React Router v5 route configs kept in objects and arrays', () => {
  it('reads `{routes[routeType]}` where routes is an object of <Route> arrays, each marked with the key that selects it', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/pages.jsx': PAGES,
      'src/Routes.jsx': [
        "import { Route, Switch } from 'react-router-dom';",
        "import { Home, Login, Register } from './pages';",
        'const routes = {',
        '  unauthenticated: [',
        '    <Route key="/" path="/" component={Login} />,',
        '    <Route key="/register" path="/register" component={Register} />,',
        '  ],',
        '  normal: [<Route key="/" path="/" component={Home} />],',
        '};',
        'export default function Routes({ routeType }) {',
        '  return <Switch><Suspense fallback={null}>{routes[routeType]}</Suspense></Switch>;',
        '}',
      ].join('\n'),
    });
    expect(await routes(dir)).toEqual(
      [
        "/ → Login @ src/pages.jsx:2 [when routeType === 'unauthenticated']",
        "/register → Register @ src/pages.jsx:3 [when routeType === 'unauthenticated']",
        "/ → Home @ src/pages.jsx:1 [when routeType === 'normal']",
      ].sort(),
    );
    expect((await section(frontendStep, dir)).markdown).toContain('| `rr5` | React + Create React App | repository root | — | 3000 | 3 |');
  });

  it('reads an object of route configs mapped through Object.values / Object.keys, and an array mapped with route.x props', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/pages.jsx': PAGES,
      'src/config.js': [
        "import { Home, Login, About } from './pages';",
        'export const routes = {',
        "  home: { path: '/', component: Home },",
        "  login: { path: '/login', component: Login },",
        '};',
        "export const byKey = { about: { path: '/about-us', component: About } };",
        "export const list = [{ path: '/about', component: About }];",
      ].join('\n'),
      'src/App.jsx': [
        "import { Route, Switch } from 'react-router-dom';",
        "import { routes, list, byKey } from './config';",
        'export const A = () => <Switch>{Object.values(routes).map((r) => <Route key={r.path} path={r.path} component={r.component} />)}</Switch>;',
        'export const B = () => <Switch>{Object.keys(byKey).map((k) => <Route key={k} exact path={byKey[k].path} component={byKey[k].component} />)}</Switch>;',
        'export const C = () => <Switch>{list.map((route) => <Route path={route.path} component={route.component} />)}</Switch>;',
      ].join('\n'),
    });
    expect(await routes(dir)).toEqual(
      ['/ → Home @ src/pages.jsx:1', '/login → Login @ src/pages.jsx:2', '/about-us → About @ src/pages.jsx:4', '/about → About @ src/pages.jsx:4'].sort(),
    );
  });

  it('calls the count a lower bound when the mapped routes cannot be read', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/pages.jsx': PAGES,
      'src/App.jsx': [
        "import { Route, Switch } from 'react-router-dom';",
        "import { Home } from './pages';",
        'export const A = ({ extra }) => <Switch><Route path="/" component={Home} />{makeRoutes().map((r) => <Route path={r.path} component={r.component} />)}</Switch>;',
      ].join('\n'),
    });
    const md = (await section(frontendStep, dir)).markdown;
    expect(md).toContain('| `rr5` | React + Create React App | repository root | — | 3000 | at least 1 |');
  });

  it('resolves `component={routes.home.component}` to the component the route config names', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/pages.jsx': PAGES,
      'src/routes.js': "import { Home } from './pages';\nexport const routes = { home: { path: '/home', component: Home } };\n",
      'src/App.jsx': "import { Route, Switch } from 'react-router-dom';\nimport { routes } from './routes';\nexport const A = () => <Switch><Route path={routes.home.path} component={routes.home.component} /></Switch>;\n",
    });
    expect(await routes(dir)).toEqual(['/home → Home @ src/pages.jsx:1']);
  });

  it('shows a path-less `<Route component={NotFound} />` inside `<Switch>` as the catch-all, not as "/"', async () => {
    const dir = tempRepo({
      'package.json': PKG,
      'src/pages.jsx': PAGES,
      'src/App.jsx': "import { Route, Switch } from 'react-router-dom';\nimport { Home, About } from './pages';\nexport const A = () => <Switch><Route path=\"/\" exact component={Home} /><Route component={About} /></Switch>;\n",
    });
    expect(await routes(dir)).toEqual(['/ → Home @ src/pages.jsx:1', '/* → About @ src/pages.jsx:4']);
  });
});
