/**
 * What one file's environment reads come to (`envReadsOf` in reads.ts computes them): the shapes the second pass, the
 * cross-file readers and the facts share.
 */
import type { EnvReadVia } from './types.js';
import type { EnvHelper } from './reads-scope.js';
import type { ConfigConstant } from './reads-config-def.js';
import type { EnvObjectFunction } from './browser-handoff.js';
import type { PassedProperty } from './sets-passed.js';
import type { ObjectParse } from './reads-schema-objects.js';

export interface RawRead {
  readonly name: string;
  readonly line: number;
  readonly via: EnvReadVia;
  readonly receiver: 'process' | 'import.meta';
  /** `process.env.X ?? 'x'`, `|| 'x'`, `{ X = 'x' } = process.env`: the code copes when it is unset. */
  readonly fallback: boolean;
  /** The receiver is a parameter typed by an imported type (`env: WorkerEnv`): reads-parsed-type.ts looks it up. */
  readonly typedAs?: { readonly module: string; readonly imported: string };
  /** That type is a schema's output (`z.infer<typeof schema>`) declaring this key, at this line. */
  readonly parsedBy?: { readonly file: string; readonly line: number };
  /** `'x' || process.env.X`: a literal on the left always wins, so the value read is never used. */
  readonly shadowed?: true;
  /** The exported name a config module gives the value (`config.db.url`). */
  readonly exportedAs?: string;
  /**
   * The code fails when it is unset: a schema requires it, or `invariant(process.env.X)` / `if (!process.env.X) throw`
   * at module level (`guard`: at startup) or inside a function (`check`: when that code runs).
   */
  readonly required?: 'schema' | 'guard' | 'check';
  /** Where the check is, when not at the read (`const { X } = process.env;` then `invariant(typeof X === 'string')`). */
  readonly checkedAt?: number;
  /** The helper that fails when it is unset (a call of `getOsEnv('X')`). */
  readonly requiredBy?: string;
  /** The schema's default for it (`.default(x)`): the line, and the file when the schema is another module. */
  readonly defaultAt?: { readonly file?: string; readonly line: number };
  /** A library call reads it (`Redis.fromEnv()`): reads-library-calls.ts. */
  readonly through?: {
    readonly call: string;
    readonly library: string;
    /** What the library reads instead when it is unset, since a version (`Redis.fromEnv()`: `KV_REST_API_URL` since 1.34.3). */
    readonly orElse?: { readonly name: string; readonly since: string };
  };
}

export interface RawDynamic {
  readonly line: number;
  readonly expression: string;
  /** The names it can be, when the key has literal parts (`` `${prefix}_URL` `` → `^.*_URL$`). */
  readonly pattern?: string;
  /** A copy of every variable with this prefix (`Object.entries(import.meta.env)` filtered by `startsWith`). */
  readonly prefix?: string;
  /** A framework's settings accessor (`env.get(EnvKey.X)`), not followed (reads-accessor.ts). */
  readonly accessor?: boolean;
  /**
   * The loop's names are these enum (or constant object) members, as written (`Keys.OPENAI_API_KEY`): the detector
   * resolves them where the enum is declared into reads (`memberRead`), else the read stays computed.
   */
  readonly members?: readonly string[];
  readonly memberRead?: Pick<RawRead, 'via' | 'receiver' | 'fallback'>;
  /**
   * An alias of `process.env` handed to a function: its module (none: this file), its name there (a member of an
   * imported object, `default`, or a named export) and the argument's position. The detector reads the function.
   */
  readonly passedTo?: { readonly module?: string; readonly name: string; readonly param: number; readonly direct?: true };
}

/** `process.env.X = …` / `Object.assign(process.env, { X })`: the code sets the variable (a script, a test setup). */
export interface RawAssignment {
  readonly name: string;
  readonly line: number;
}

/** `schema.parse(process.env)` where `schema` is imported: the detector reads the keys in that module. */
export interface SchemaImport {
  readonly module: string;
  readonly imported: string;
  readonly line: number;
  readonly expression: string;
  /** The exported name the parsed env gets here (`serverEnv`), when it is exported. */
  readonly exportedAs?: string;
  /**
   * Only the schema's defaults matter here (NestJS `validationSchema`): the framework validates and fills in
   * `process.env`, and the code reads the variables elsewhere.
   */
  readonly defaultsOnly?: boolean;
  /** `@fastify/env` / env-schema validate the environment against it: its keys are read at the schema, in its module. */
  readonly fastify?: true;
}

export interface FileEnvReads {
  readonly reads: RawRead[];
  readonly dynamic: RawDynamic[];
  /** `process.env[key] = value`: the code sets variables whose names it computes. */
  readonly dynamicSets: RawDynamic[];
  readonly helpers: EnvHelper[];
  readonly assigned: RawAssignment[];
  readonly schemaImports: SchemaImport[];
  /** Names under which the module exports `process.env` itself or a wrapper of it (`export default withSecrets(process.env)`). */
  readonly exportsEnv: string[];
  /** figue/convict `env: X_ENV_KEY` with the name imported from another module: resolved by the detector there. */
  readonly configConstants: ConfigConstant[];
  /** A Cypress config's `env: { x }`: the default of `Cypress.env('x')`, named `CYPRESS_x` (reads-cypress.ts). */
  readonly cypressDefaults: RawAssignment[];
  /** Functions returning an object of env reads (`getEnv()`), which a page may hand to the browser (browser-handoff.ts). */
  readonly envObjects?: EnvObjectFunction[];
  /** `run('a.js', bootstrap.smokeEnv)` into a child's env: the property, built in an imported module (sets-passed.ts). */
  readonly passedProperties?: PassedProperty[];
  /** `clientSchema.safeParse(clientEnv)` with the object or the schema imported: resolved in the second pass. */
  readonly objectParses?: ObjectParse[];
}
