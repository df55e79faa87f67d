/**
 * What `ts` (src/scan/ts.ts) holds until the compiler is first used: a stand-in whose first property read loads the
 * real namespace, which ts.ts then stores in its live `ts` binding. Nothing keeps the stand-in afterwards, except a
 * module that copied `ts` at its own top level (it then loads the compiler at import, as before, and keeps calling
 * through the stand-in: correct, only slower; `PROJECT_CONTEXT_TRACE_TS=1` prints the stack of the first load).
 */
import type * as TsMorph from 'ts-morph';

type TsApi = typeof TsMorph.ts;

/** An object standing for the namespace until `load` has run; every access goes to the loaded namespace. */
export function tsStandIn(load: () => TsApi): TsApi {
  let loaded: TsApi | undefined;
  const real = () => {
    if (loaded) return loaded;
    if (process.env.PROJECT_CONTEXT_TRACE_TS === '1') process.stderr.write(`ts-morph loaded here:\n${new Error().stack}\n`);
    return (loaded = load());
  };
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
