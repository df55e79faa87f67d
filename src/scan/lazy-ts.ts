/**
 * Loads ts-morph's compiler on first use (see ts.ts). `tsStandIn` is what `ts` holds until then: any property read
 * loads the real namespace, which the caller stores in its live `ts` binding, and is answered from it. Nothing keeps
 * the stand-in afterwards, except a module that copied `ts` at its own top level (it then loads the compiler at import,
 * as before, and keeps calling through the stand-in: correct, only slower; `PROJECT_CONTEXT_TRACE_TS=1` prints the
 * stack of the first load to find such a module).
 */
import type * as TsMorph from 'ts-morph';
import { createRequire } from 'node:module';
import { preloadTsMorph } from './code-cache.js';

type TsApi = typeof TsMorph.ts;

let loaded: TsApi | undefined;

/** The real namespace: ts-morph compiled from the code cache when there is one (code-cache.ts), then required. */
export function loadTs(from: string): TsApi {
  if (loaded) return loaded;
  if (process.env.PROJECT_CONTEXT_TRACE_TS === '1') process.stderr.write(`ts-morph loaded here:\n${new Error().stack}\n`);
  preloadTsMorph(from);
  // A CommonJS `require`: an ESM `import` would make Node scan the 9 MB compiler for named exports first. The bundle
  // defines `require` (scripts/bundle.mjs), and esbuild records this call as the bundle's one external dependency;
  // tsc's ES module output (dist/src, used by tests) has none and creates one.
  const module = (typeof require === 'function' ? require('ts-morph') : createRequire(from)('ts-morph')) as typeof TsMorph;
  loaded = module.ts;
  return loaded;
}

/** An object standing for the namespace until `load` has run; every access goes to the loaded namespace. */
export function tsStandIn(load: () => TsApi): TsApi {
  const real = () => loaded ?? load();
  return new Proxy({} as TsApi, {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
  });
}

/** A module-level constant built from `ts` on first use, so that importing the module does not load the compiler. */
export function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
