import type { Fact } from '../../facts.js';

/** How the code reads a variable. */
export type EnvReadVia = 'process.env' | 'import.meta.env' | 'destructuring' | 'schema' | 'helper' | 'text';

/** One variable read in one file (all lines of that file). */
export interface EnvReadData {
  readonly name: string;
  readonly file: string;
  /** Name of the package (workspace) holding the file; '' when the repository has no package.json. */
  readonly package: string;
  readonly lines: readonly number[];
  readonly via: EnvReadVia;
  /** Set by the tool, not by the project: `NODE_ENV`, Vite's `MODE`/`DEV`/`PROD`/`SSR`/`BASE_URL`, CI's `CI`. */
  readonly builtin: boolean;
  /** Every read in this file has a fallback (`?? 'x'`, `|| 'x'`, a destructuring default). */
  readonly hasFallback: boolean;
}
export type EnvReadFact = Fact<'env.read', EnvReadData>;

/** `process.env[name]` with a name that cannot be read statically: shown as unresolved. */
export interface EnvDynamicReadData {
  readonly file: string;
  readonly line: number;
  readonly expression: string;
}
export type EnvDynamicReadFact = Fact<'env.dynamic', EnvDynamicReadData>;

/**
 * A variable named in a dotenv file (`.env.example`, `.env.local`…) or typed in `vite-env.d.ts`. Only the name is
 * read from the file: values never leave the line they are on.
 */
export interface EnvDeclaredData {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly package: string;
  /** `example` for .env.example/.sample/.template/.dist (documentation), `dotenv` for real files, `type` for d.ts. */
  readonly source: 'example' | 'dotenv' | 'type';
}
export type EnvDeclaredFact = Fact<'env.declared', EnvDeclaredData>;
