/**
 * State management in frontend apps — what and where: zustand stores, Redux stores and slices (and RTK Query APIs),
 * TanStack Query clients and the hooks that query, SWR hooks, React contexts with their providers and hooks, and
 * atoms/observables of Jotai, Recoil, MobX and Valtio.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, lastName, mentions, property } from '../shared/ast.js';
import { enclosingFunctionName, importsCached } from '../shared/component-ref.js';
import { appFiles, frontendApps } from '../frontend-build/apps.js';
import { contextDetails, keyOf, keyText, objectKeys, reduxDetails, returnedKeys } from './details.js';

export type StateLibrary =
  | 'zustand'
  | 'redux'
  | 'redux-toolkit'
  | 'tanstack-query'
  | 'swr'
  | 'react-context'
  | 'jotai'
  | 'recoil'
  | 'mobx'
  | 'valtio';

export interface StateData {
  readonly app: string;
  readonly library: StateLibrary;
  /** `store`, `slice`, `api`, `client`, `query-hook`, `mutation-hook`, `query-call`, `context`, `atom`. */
  readonly kind: string;
  /** Variable, hook or slice name. */
  readonly name: string;
  readonly file: string;
  readonly line: number;
  /** State keys, reducer keys, endpoint names, query key, provider and hook names — whatever the code names. */
  readonly details: readonly string[];
}

export type StateFact = Fact<'state.store', StateData>;

const NEEDLES = ['zustand', 'redux', 'react-query', 'swr', 'createContext', 'jotai', 'recoil', 'mobx', 'valtio'];
const QUERY_HOOKS: Record<string, string> = {
  useQuery: 'query',
  useSuspenseQuery: 'query',
  useInfiniteQuery: 'query',
  useSuspenseInfiniteQuery: 'query',
  useQueries: 'query',
  useMutation: 'mutation',
};
const SWR_HOOKS: Record<string, string> = { default: 'query', useSWR: 'query', useSWRInfinite: 'query', useSWRMutation: 'mutation' };

export const stateManagementDetector: Detector = {
  id: 'state-management',
  isEnabled: (index) => frontendApps(index).length > 0,
  detect(index) {
    const facts: Fact[] = [];
    for (const app of frontendApps(index)) {
      for (const file of appFiles(index, app.dir)) {
        if (!isSourceFile(file) || /\.(test|spec|stories)\.[jt]sx?$/.test(file)) continue;
        if (!mentions(index.read(file), NEEDLES)) continue;
        const sf = index.parse(file);
        if (!sf) continue;
        for (const data of inFile(sf, app.dir)) {
          facts.push({ kind: 'state.store', id: `${app.dir}:${data.library}:${data.kind}:${data.name}:${file}`, data, at: [{ file, line: data.line }] });
        }
      }
    }
    return dedupe(facts);
  },
};

function inFile(sf: ts.SourceFile, app: string): StateData[] {
  const imports = importsCached(sf);
  /** The package a called name comes from: `create` → `zustand`, `React.createContext` → `react`. */
  const source = (callee: ts.Expression): { module: string; name: string } | undefined => {
    const name = lastName(callee);
    if (!name) return undefined;
    const root = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : name;
    const binding = imports.get(root);
    if (!binding) return undefined;
    return { module: binding.module, name: root === name ? binding.imported : name };
  };
  const out: StateData[] = [];
  const file = sf.fileName;
  let consts: Map<string, ts.Expression> | undefined;
  const constants = () => (consts ??= constantsOf(sf));
  const add = (library: StateLibrary, kind: string, name: string, node: ts.Node, details: string[] = []) =>
    out.push({ app, library, kind, name, file, line: lineOf(node, sf), details });

  walk(sf, (node) => {
    if (ts.isNewExpression(node)) {
      const from = source(node.expression);
      if (from && /react-query$/.test(from.module) && from.name === 'QueryClient') {
        add('tanstack-query', 'client', variableName(node) ?? 'QueryClient', node);
      }
      return;
    }
    if (!ts.isCallExpression(node)) return;
    // `create<T>()(...)` (zustand's curried form) calls the result of `create<T>()`.
    const callee = ts.isCallExpression(node.expression) && node.expression.arguments.length === 0 ? node.expression.expression : node.expression;
    const from = source(callee);
    if (!from) return;
    const { module, name } = from;
    if (/^zustand(\/vanilla|\/traditional)?$/.test(module) && /^(create|createStore|createWithEqualityFn|default)$/.test(name)) {
      // The inner `create<T>()` of the curried form is the same store as its outer call.
      if (node.arguments.length === 0 && ts.isCallExpression(node.parent) && node.parent.expression === node) return;
      add('zustand', 'store', variableName(node) ?? 'store', node, returnedKeys(node));
    } else if (/^(@reduxjs\/toolkit|redux)(\/query(\/react)?)?$/.test(module)) {
      // `createStore` from `redux` is plain Redux; `configureStore`/`createSlice` are Redux Toolkit's.
      const library = module === 'redux' ? 'redux' : 'redux-toolkit';
      if (name === 'configureStore' || name === 'createStore' || name === 'legacy_createStore') {
        add(library, 'store', variableName(node) ?? 'store', node, reduxDetails(node, 'store'));
      } else if (name === 'createSlice') {
        add(library, 'slice', keyOf(node.arguments[0], 'name') ?? variableName(node) ?? 'slice', node, reduxDetails(node, 'slice'));
      } else if (name === 'createApi') {
        add(library, 'api', keyOf(node.arguments[0], 'reducerPath') ?? variableName(node) ?? 'api', node, reduxDetails(node, 'api'));
      }
    } else if (/react-query$/.test(module) && QUERY_HOOKS[name]) {
      const hook = enclosingFunctionName(node);
      const options = node.arguments[0];
      const written = property(options, 'queryKey') ?? property(options, 'mutationKey') ?? (options && !ts.isObjectLiteralExpression(options) ? options : undefined);
      const key = keyText(written, constants());
      const custom = !!hook && /^use[A-Z0-9]/.test(hook);
      add('tanstack-query', custom ? `${QUERY_HOOKS[name]}-hook` : `${QUERY_HOOKS[name]}-call`, hook ?? name, node, [name, ...(key ? [key] : [])]);
    } else if (/^swr(\/infinite|\/mutation)?$/.test(module) && SWR_HOOKS[name]) {
      const hook = enclosingFunctionName(node);
      const key = keyText(node.arguments[0], constants());
      const custom = !!hook && /^use[A-Z0-9]/.test(hook);
      const kind = SWR_HOOKS[name];
      add('swr', custom ? `${kind}-hook` : `${kind}-call`, hook ?? 'useSWR', node, [name === 'default' ? 'useSWR' : name, ...(key ? [key] : [])]);
    } else if (module === 'react' && name === 'createContext') {
      const ctx = variableName(node) ?? 'Context';
      add('react-context', 'context', ctx, node, contextDetails(sf, ctx));
    } else if ((module === 'jotai' || module === 'recoil' || module === 'valtio') && /^(atom|atomWithStorage|selector|proxy|atomFamily)$/.test(name)) {
      add(module as StateLibrary, name === 'proxy' ? 'store' : 'atom', variableName(node) ?? name, node);
    } else if (module === 'mobx' && /^(makeAutoObservable|makeObservable|observable)$/.test(name)) {
      const cls = enclosingClassName(node);
      add('mobx', 'store', cls ?? variableName(node) ?? name, node, objectKeys(node.arguments[1]));
    }
  });
  return out;
}

function variableName(node: ts.Node): string | undefined {
  let cur: ts.Node = node;
  for (let i = 0; i < 4 && cur.parent; i++) {
    cur = cur.parent;
    if (ts.isVariableDeclaration(cur) && ts.isIdentifier(cur.name)) return cur.name.text;
    if (ts.isPropertyDeclaration(cur) && ts.isIdentifier(cur.name)) return cur.name.text;
    if (ts.isExportAssignment(cur)) return 'default';
    if (!ts.isCallExpression(cur) && !ts.isAsExpression(cur) && !ts.isParenthesizedExpression(cur) && !ts.isSatisfiesExpression(cur)) break;
  }
  return undefined;
}

function enclosingClassName(node: ts.Node): string | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) if (ts.isClassDeclaration(cur)) return cur.name?.text;
  return undefined;
}

function dedupe(facts: Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    const key = `${f.id}:${f.at[0]?.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
