import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { exportedNamesFromText } from '../shared/text-scan.js';
import { authFacts, mayHaveAuth } from './auth.js';
import { dynamoAccesses, mayAccessDynamo } from './dynamo.js';
import { classDeclarations, errorClasses, errorMappings, mayHaveErrors, type ClassInfo } from './errors.js';
import { mayHaveMiddleware, middlewareDefinitions, middyUses, withUsers } from './middleware.js';
import { dataModuleKind, isSharedLibPath } from './modules.js';
import { backendScope, isInfrastructureCode } from './scope.js';
import { importersFinder } from './usage.js';
import type {
  AuthFact, DataModuleFact, DbAccessData, DbAccessFact, ErrorClassFact, ErrorMappingData, ErrorMappingFact,
  MiddlewareData, MiddlewareFact, SharedLibFact,
} from './types.js';

export type * from './types.js';

/** Backend source read for middleware, auth flow, error handling and DynamoDB access. */
export const backendCodeDetector: Detector = {
  id: 'backend-code',
  isEnabled(index: RepoIndex): boolean {
    return backendScope(index).files.length > 0;
  },
  detect(index: RepoIndex): Fact[] {
    const scope = backendScope(index);
    const facts: Fact[] = [];
    const middleware: Omit<MiddlewareData, 'usedBy'>[] = [];
    const middy = new Map<string, MiddlewareData>();
    const classes: ClassInfo[] = [];
    const mappings: Omit<ErrorMappingData, 'usedBy'>[] = [];
    const accesses: DbAccessData[] = [];

    for (const file of scope.files) {
      const text = index.read(file);
      if (!text || isInfrastructureCode(text)) continue;
      const dynamo = mayAccessDynamo(text);
      const auth = mayHaveAuth(text);
      const errors = mayHaveErrors(text);
      const mw = mayHaveMiddleware(text);
      if (text.includes('@middy/core')) {
        for (const use of middyUses(index, file, text)) {
          const known = middy.get(use.name);
          if (known) middy.set(use.name, { ...known, usedBy: [...new Set([...known.usedBy, ...use.usedBy])].sort() });
          else middy.set(use.name, use);
        }
      }
      const pkgDir = index.packageOf(file)?.dir ?? '';
      const lib = scope.serverDirs.has(pkgDir) && isSharedLibPath(file);
      const dataPath = dataModuleKind(file, text, false) !== undefined;
      if (!dynamo && !auth && !errors && !mw && !dataPath && !lib) continue;
      // A module's exports are read from its text: a shared library or data module needs no tree for them.
      const exports = exportedNamesFromText(text);
      let fileAccesses: DbAccessData[] = [];
      if (dynamo || auth || errors || mw) {
        // One pass, file by file: its tree need not outlive this iteration (steps 3 and 4 read thousands of files).
        const sf = index.parseOnce(file);
        if (!sf) continue;
        fileAccesses = dynamo ? dynamoAccesses(index, file, sf) : [];
        accesses.push(...fileAccesses);
        if (auth) {
          for (const a of authFacts(file, sf)) facts.push(fact<AuthFact>('backend.auth', `${a.kind} ${a.file}#${a.name}`, a));
        }
        if (errors) {
          classes.push(...classDeclarations(file, sf));
          mappings.push(...errorMappings(file, sf));
        }
        if (mw) middleware.push(...middlewareDefinitions(file, sf));
      }
      const kind = dataModuleKind(file, text, fileAccesses.length > 0);
      if (kind && exports.length > 0) {
        facts.push(fact<DataModuleFact>('backend.data-module', file, { file, kind, exports }));
      } else if (lib && exports.length > 0) {
        facts.push(fact<SharedLibFact>('backend.shared-lib', file, { file, exports }));
      }
    }

    const usersOf = importersFinder(index, scope.files, [...middleware, ...mappings]);
    for (const m of withUsers(usersOf, middleware)) facts.push(fact<MiddlewareFact>('backend.middleware', `${m.file}#${m.name}`, m));
    for (const m of middy.values()) facts.push(fact<MiddlewareFact>('backend.middleware', `middy ${m.name}`, m));
    for (const e of errorClasses(classes)) facts.push(fact<ErrorClassFact>('backend.error-class', `${e.file}#${e.name}`, e));
    for (const m of mappings) {
      const usedBy = usersOf(m);
      facts.push(fact<ErrorMappingFact>('backend.error-mapping', `${m.file}#${m.name}`, { ...m, usedBy }));
    }
    for (const a of accesses) {
      const id = `${a.operation} ${a.table}${a.action ? ` ${a.action}` : ''} ${a.file}:${a.line}`;
      facts.push(fact<DbAccessFact>('backend.db-access', id, a));
    }
    return facts.sort(byPlace);
  },
};

function fact<F extends Fact>(kind: F['kind'], id: string, data: F['data'] & { file: string; line?: number }): F {
  return { kind, id, data, at: [{ file: data.file, ...(data.line ? { line: data.line } : {}) }] } as unknown as F;
}

function byPlace(a: Fact, b: Fact): number {
  const fa = a.at[0]?.file ?? '';
  const fb = b.at[0]?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.at[0]?.line ?? 0;
  const lb = b.at[0]?.line ?? 0;
  if (la !== lb) return la - lb;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
