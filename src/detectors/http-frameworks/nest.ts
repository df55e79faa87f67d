/** NestJS controllers: `@Controller('users')` classes with `@Get(':id')`-style methods, under `setGlobalPrefix`. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { lastName, property, staticString } from '../shared/ast.js';
import { joinPaths, normaliseMethod } from './paths.js';

const METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head', 'All']);

export interface NestRoute {
  readonly method: string;
  readonly path: string;
  readonly resolved: boolean;
  readonly handler: string;
  readonly middleware: readonly string[];
  readonly file: string;
  readonly line: number;
}

export function nestRoutes(index: RepoIndex, files: readonly string[]): NestRoute[] {
  const prefixes = new Map<string, string>();
  const controllers: { file: string; sf: ts.SourceFile }[] = [];
  for (const file of files) {
    const text = index.read(file);
    if (!text?.includes('@nestjs/')) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const global = /\.setGlobalPrefix\(\s*['"`]([^'"`]*)['"`]/.exec(text);
    if (global) prefixes.set(index.packageOf(file)?.dir ?? '', global[1]);
    if (text.includes('@Controller')) controllers.push({ file, sf });
  }
  const out: NestRoute[] = [];
  for (const { file, sf } of controllers) {
    const global = prefixes.get(index.packageOf(file)?.dir ?? '') ?? '';
    for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
      const controller = decorator(cls, 'Controller');
      if (!controller || !cls.name) continue;
      const base = pathArgs(controller.arguments[0]);
      const guards = guardNames(cls);
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        for (const d of ts.getDecorators(member) ?? []) {
          if (!ts.isCallExpression(d.expression)) continue;
          const name = lastName(d.expression.expression);
          if (!name || !METHOD_DECORATORS.has(name)) continue;
          for (const b of base) {
            for (const p of pathArgs(d.expression.arguments[0])) {
              out.push({
                method: normaliseMethod(name),
                path: joinPaths(global, b.text, p.text),
                resolved: b.resolved && p.resolved,
                handler: `${cls.name.text}.${member.name.getText(sf)}`,
                middleware: [...guards, ...guardNames(member)],
                file,
                line: lineOf(member, sf),
              });
            }
          }
        }
      }
    }
  }
  return out;
}

function decorator(node: ts.HasDecorators, name: string): ts.CallExpression | undefined {
  for (const d of ts.getDecorators(node) ?? []) {
    if (ts.isCallExpression(d.expression) && lastName(d.expression.expression) === name) return d.expression;
  }
  return undefined;
}

/** `'users'`, `['a', 'b']`, `{ path: 'users' }` or nothing (the root). */
function pathArgs(arg: ts.Expression | undefined): { text: string; resolved: boolean }[] {
  if (!arg) return [{ text: '', resolved: true }];
  if (ts.isObjectLiteralExpression(arg)) return pathArgs(property(arg, 'path'));
  if (ts.isArrayLiteralExpression(arg)) return arg.elements.flatMap((e) => pathArgs(e));
  const s = staticString(arg);
  return [s ?? { text: `\${${arg.getText()}}`, resolved: false }];
}

/** `@UseGuards(AuthGuard('jwt'))` → `AuthGuard`: what stands in front of a controller or route. */
function guardNames(node: ts.HasDecorators): string[] {
  const guards = decorator(node, 'UseGuards');
  return guards ? guards.arguments.map((a) => lastName(ts.isCallExpression(a) ? a.expression : a) ?? a.getText()) : [];
}
