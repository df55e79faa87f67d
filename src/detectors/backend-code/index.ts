import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { codeOnly, exportedNamesFromText } from '../shared/text-scan.js';
import { authFacts, authInStrings, mayHaveAuth } from './auth.js';
import { isDataModule } from './db-access.js';
import { byPlace, fact } from './facts-util.js';
import { filterRegistrations } from './filter-registration.js';
import { isAppSource } from '../shared/source-scope.js';
import { classDeclarations, errorClasses, errorMappings, mayHaveErrors, type ClassInfo } from './errors.js';
import { mayHaveMiddleware, middlewareDefinitions, middyUses, namedOutsideImports, withUsers } from './middleware.js';
import { isSharedLibPath, isToolConfigFile } from './modules.js';
import { withStarExports } from './star-exports.js';
import { backendScope, isInfrastructureCode } from './scope.js';
import { importersFinder } from './usage.js';
import type { AuthData, AuthFact, ErrorClassFact, ErrorMappingData, ErrorMappingFact, MiddlewareData, MiddlewareFact, SharedLibFact } from './types.js';

export type * from './types.js';
export { dbAccessDetector } from './db-access.js';

const COMPONENT = /\.[jt]sx$/;

/** Backend source read for middleware, auth flow and error handling (data access is `dbAccessDetector`'s, step 4). */
export const backendCodeDetector: Detector = {
  id: 'backend-code',
  isEnabled(index: RepoIndex): boolean {
    return backendScope(index).files.length > 0;
  },
  detect(index: RepoIndex): Fact[] {
    const scope = backendScope(index);
    const facts: Fact[] = [];
    const middleware: Omit<MiddlewareData, 'usedBy'>[] = [];
    // Users gathered in a set per middleware, sorted once: hundreds of handlers use the same few.
    const middy = new Map<string, { use: MiddlewareData; users: Set<string> }>();
    const classes: ClassInfo[] = [];
    const mappings: Omit<ErrorMappingData, 'usedBy'>[] = [];
    // A constant-time HMAC comparison guards nothing until something calls it: kept only when its file or an
    // importer uses it (an uncalled token helper is not a check on any route).
    const helpers: AuthData[] = [];

    for (const file of scope.files) {
      // Components (.tsx, .jsx) are the frontend's: no middleware, auth flow, error mapping or shared library here.
      if (COMPONENT.test(file)) continue;
      const text = index.read(file);
      if (!text || isInfrastructureCode(text)) continue;
      // Structural hints count only in code: a file of prompt strings or docs mentioning `next:` parses for nothing.
      let code: string | undefined;
      const inCode = (test: (t: string) => boolean) => test(text) && test((code ??= codeOnly(text)));
      const auth = mayHaveAuth(text) && (mayHaveAuth((code ??= codeOnly(text))) || authInStrings(text));
      const errors = inCode(mayHaveErrors);
      const mw = inCode(mayHaveMiddleware);
      if (text.includes('@middy/core')) {
        for (const use of middyUses(index, file, text)) {
          const known = middy.get(use.name);
          if (known) for (const f of use.usedBy) known.users.add(f);
          else middy.set(use.name, { use, users: new Set(use.usedBy) });
        }
      }
      const lib = scope.serverDirs.has(index.packageOf(file)?.dir ?? '') && isSharedLibPath(file) && !isToolConfigFile(file);
      // A data module is step 4's (`dbAccessDetector`), not a shared utility; its exports are read from text.
      if (lib && !isDataModule(index, file, text)) {
        const exports = withStarExports(index, file, text, exportedNamesFromText(text));
        if (exports.length > 0) facts.push(fact<SharedLibFact>('backend.shared-lib', file, { file, exports }));
      }
      if (!auth && !errors && !mw) continue;
      // One pass, file by file: its tree need not outlive this iteration.
      const sf = index.parseOnce(file);
      if (!sf) continue;
      if (auth) {
        for (const a of authFacts(file, sf)) {
          if (a.kind !== 'hmac-compare') facts.push(fact<AuthFact>('backend.auth', `${a.kind} ${a.file}#${a.name}`, a));
          else if (calledInOwnFile(text, a.name)) facts.push(fact<AuthFact>('backend.auth', `${a.kind} ${a.file}#${a.name}`, a));
          else helpers.push(a);
        }
      }
      if (errors) {
        classes.push(...classDeclarations(file, sf));
        mappings.push(...errorMappings(file, sf));
      }
      if (mw) middleware.push(...middlewareDefinitions(file, sf));
    }

    // Users are files that name what they import (a file importing two wrappers may call only one), .tsx ones
    // included: a backend endpoint rendering an e-mail is a .tsx file, and components import no server code.
    const finder = importersFinder(index, scope.files, [...middleware, ...mappings, ...helpers]);
    const usersOf = (d: { file: string; name: string }) => finder(d).filter((f) => namedOutsideImports(index.read(f) ?? '', d.name));
    for (const a of helpers) {
      if (usersOf(a).length > 0) facts.push(fact<AuthFact>('backend.auth', `${a.kind} ${a.file}#${a.name}`, a));
    }
    for (const m of withUsers(usersOf, middleware, (f) => index.read(f))) facts.push(fact<MiddlewareFact>('backend.middleware', `${m.file}#${m.name}`, m));
    for (const { use, users } of middy.values()) {
      facts.push(fact<MiddlewareFact>('backend.middleware', `middy ${use.name}`, { ...use, usedBy: [...users].sort() }));
    }
    for (const e of errorClasses(classes)) facts.push(fact<ErrorClassFact>('backend.error-class', `${e.file}#${e.name}`, e));
    const registrations = filterRegistrations(index, index.files.filter((f) => isAppSource(index, f)), mappings.filter((m) => m.filter));
    for (const m of mappings) {
      const usedBy = usersOf(m);
      const registeredIn = registrations.get(`${m.file}#${m.name}`);
      facts.push(fact<ErrorMappingFact>('backend.error-mapping', `${m.file}#${m.name}`, { ...m, usedBy, ...(m.filter ? { registeredIn: registeredIn ?? [] } : {}) }));
    }
    return facts.sort(byPlace);
  },
};

/** Whether `name` appears in the file's code more than once (its definition and a call). */
function calledInOwnFile(text: string, name: string): boolean {
  if (!/^[\w$]+$/.test(name) || name === 'default') return true;
  const word = new RegExp(`(^|[^\\w$.])${name.replace(/[$]/g, '\\$')}(?![\\w$])`, 'g');
  return (codeOnly(text).match(word) ?? []).length > 1;
}
