/** The shapes one file's routing is described in (see `router-file.ts`). */
import type { HttpFramework } from './types.js';

export interface RouteDecl {
  readonly method: string;
  readonly path: string;
  readonly resolved: boolean;
  readonly handler?: string;
  /** Import specifier the handler's name comes from, when imported. */
  readonly handlerModule?: string;
  readonly middleware: readonly string[];
  readonly line: number;
}

export type MountTarget =
  | { readonly kind: 'unit'; readonly name: string }
  | { readonly kind: 'import'; readonly module: string; readonly imported: string }
  | { readonly kind: 'autoload'; readonly dir: string };

export interface Mount {
  readonly prefix: string;
  /** Middleware given before the mounted router (`app.use('/x', requireAuth, router)`). */
  readonly middleware: readonly string[];
  readonly resolved: boolean;
  readonly target: MountTarget;
  readonly line: number;
}

export interface Unit {
  readonly name: string;
  framework?: HttpFramework;
  prefix: string;
  readonly routes: RouteDecl[];
  readonly mounts: Mount[];
}

export interface FileRouting {
  readonly units: Map<string, Unit>;
  /** Exported name (`default` included) → unit name. */
  readonly exports: Map<string, string>;
  /** Factory function name → the unit it returns. */
  readonly aliases: Map<string, string>;
}
