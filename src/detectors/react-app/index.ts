/**
 * React (and Next.js, Remix) apps beyond their routes: the entry point and providers, the API client module and the
 * endpoints it names, auth libraries and hooks, and the most imported components.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { appFiles, frontendApps, type FrontendApp } from '../frontend-build/apps.js';
import { configFile, readConfig, viteConfigOf } from '../frontend-build/config.js';
import { apiClientsOf, type ApiClientData } from './api-client.js';
import { authOf, type AuthData } from './auth.js';
import { keyComponents, type KeyComponentData } from './components.js';
import { entriesOf, type EntryData } from './entry.js';
import { importGraph } from './graph.js';

export type { ApiClientData, AuthData, EntryData, KeyComponentData };
export type ReactEntryFact = Fact<'react.entry', EntryData>;
export type ApiClientFact = Fact<'react.api-client', ApiClientData>;
export type AuthFact = Fact<'react.auth', AuthData>;
export type KeyComponentFact = Fact<'react.component', KeyComponentData>;

const REACT_LIKE = new Set(['react', 'next', 'remix', 'expo']);

export const reactAppDetector: Detector = {
  id: 'react-app',
  isEnabled: (index) => frontendApps(index).length > 0,
  detect(index) {
    const sdks = workspaceClientPackages(index);
    const facts: Fact[] = [];
    for (const app of frontendApps(index)) {
      const files = appFiles(index, app.dir);
      if (REACT_LIKE.has(app.framework)) {
        for (const e of entriesOf(index, app, files)) {
          facts.push({ kind: 'react.entry', id: `${app.dir}:${e.file}:${e.line}`, data: e, at: [{ file: e.file, line: e.line }] });
        }
      }
      for (const c of apiClientsOf(index, app, files, sdks)) {
        facts.push({ kind: 'react.api-client', id: `${app.dir}:${c.file}`, data: c, at: [{ file: c.file, line: c.line }] });
      }
      for (const a of authOf(index, app.dir, files, viteAliases(index, app))) {
        facts.push({ kind: 'react.auth', id: `${app.dir}:${a.kind}:${a.name}:${a.file}`, data: a, at: [{ file: a.file, line: a.line }] });
      }
      if (REACT_LIKE.has(app.framework)) {
        for (const k of keyComponents(index, app.dir, importGraph(index, app.dir, files))) {
          facts.push({ kind: 'react.component', id: `${app.dir}:${k.file}`, data: k, at: [{ file: k.file, line: k.line }] });
        }
      }
    }
    return facts;
  },
};

/** Workspace packages an app may use as its API client (`@acme/sdk`, `@acme/api-client`). */
function workspaceClientPackages(index: RepoIndex): Set<string> {
  return new Set(index.packages.filter((p) => !p.isRoot && /sdk|client|api/i.test(p.name)).map((p) => p.name));
}

/** `resolve.alias` keys of the app's Vite config (`'@auth'` → src/app/auth): imports through them are the app's own files. */
function viteAliases(index: RepoIndex, app: FrontendApp): readonly string[] {
  const own = configFile(index, app);
  const file = own && /(^|\/)vite\.config\.[cm]?[jt]s$/.test(own) ? own : own ? viteConfigOf(index, app.dir, own) : undefined;
  return file ? readConfig(index, file).aliases : [];
}
