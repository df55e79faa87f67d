/**
 * Remix / Hydrogen / React Router load context: `context.env.X` in a loader, an action or `handleRequest`, where
 * `context` is the load context the server built from the Worker's env (Oxygen) or the platform's. Names are found
 * only where a parameter says what it is (its type, or the `context` of a loader/action argument), so a `context`
 * elsewhere is never taken for one.
 */
import { propertyNameText } from '../shared/ast.js';
import { ts, walkMentioning } from '../../scan/ts.js';

/** Words a file holds when it may name a load context or a typed Worker env (a cheap test before the walk). */
export const REMIX_TEXT = /AppLoadContext|FunctionArgs\b|LoaderArgs\b|ActionArgs\b|\b(loader|action)\s*[(=:]|\benv\s*:\s*Env\b/;
/** Loader/action argument types: `{ context }` of them is the load context. */
const ARGS_TYPE = /^(Route\.)?(LoaderFunctionArgs|ActionFunctionArgs|DataFunctionArgs|LoaderArgs|ActionArgs)$/;
const HANDLERS = new Set(['loader', 'action']);
/** Every parameter this reads holds one of these words (`context`, `AppLoadContext`, `env: Env`). */
const WORDS = /context|Context|env|Env/g;

export interface RemixContexts {
  /** Local names of load contexts: `context` in `loader({ context })`, `context: AppLoadContext`. */
  readonly contexts: Set<string>;
  /** Local names of the env itself: `{ env }: AppLoadContext`, `env: Env` (the global Worker env interface). */
  readonly envs: Set<string>;
}

export function remixContexts(sf: ts.SourceFile): RemixContexts {
  const contexts = new Set<string>();
  const envs = new Set<string>();
  if (!REMIX_TEXT.test(sf.text)) return { contexts, envs };
  const element = (pattern: ts.ObjectBindingPattern, key: string): string | undefined => {
    for (const el of pattern.elements) {
      const name = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (name === key && ts.isIdentifier(el.name) && !el.dotDotDotToken) return el.name.text;
    }
    return undefined;
  };
  walkMentioning(sf, WORDS, (n) => {
    if (!ts.isParameter(n)) return undefined;
    const type = n.type?.getText(sf).trim() ?? '';
    const fn = n.parent;
    const first = ts.isFunctionLike(fn) && fn.parameters[0] === n;
    const handler = first && HANDLERS.has(functionName(fn) ?? '');
    if (ts.isObjectBindingPattern(n.name)) {
      if (ARGS_TYPE.test(type) || handler) {
        const local = element(n.name, 'context');
        if (local) contexts.add(local);
      }
      if (type === 'AppLoadContext') {
        const local = element(n.name, 'env');
        if (local) envs.add(local);
      }
    } else if (ts.isIdentifier(n.name)) {
      if (type === 'AppLoadContext') contexts.add(n.name.text);
      else if (type === 'Env' && n.name.text === 'env') envs.add(n.name.text);
    }
    return undefined;
  });
  return { contexts, envs };
}

function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  const parent = fn.parent;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}
