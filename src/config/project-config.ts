/**
 * project-context.config.json: per-repository settings, committed beside the code, as repomix and knip do. Its JSON
 * Schema (schema.json in the package, generated from `projectConfigSchema` and checked by a test) gives editors
 * completion and checks; `$schema` points at it. Unknown keys and bad values stop the run with a sentence naming the
 * key (exit 2): a setting that is silently ignored is worse than none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { STEP_COUNT } from '../steps/titles.js';

export const CONFIG_FILE = 'project-context.config.json';

/** Where `$schema` can point: the file in an installed package, or the published one. */
export const SCHEMA_URL = 'https://unpkg.com/project-context-map/schema.json';

const budgetObject = z
  .strictObject({
    lines: z.int().min(200).optional().describe('At most this many lines in the whole file (default 4000); each section gets its share.'),
    bytes: z.int().min(10240).optional().describe('At most this many bytes in the whole file (default 204800); each section gets its share.'),
  })
  .refine((b) => b.lines !== undefined || b.bytes !== undefined, { message: 'needs lines or bytes' })
  .meta({ minProperties: 1 });

export const projectConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    ignore: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Globs, relative to the repository root, left out of the map: no step reads a file that matches, or whose folder matches. `!pattern` takes back what an earlier pattern left out.',
      ),
    steps: z
      .array(z.int().min(1).max(STEP_COUNT))
      .min(1)
      .optional()
      .describe('The steps to run, e.g. [1, 2, 3]; --steps wins over it.'),
    output: z.string().min(1).optional().describe('The file to write, relative to the repository root (default PROJECT-CONTEXT.md); --output wins over it.'),
    budget: z
      .union([z.literal('full'), budgetObject])
      .optional()
      .describe('The size of the file: "full" for everything (as --detail full), or at most { "lines": N, "bytes": N } instead of 4,000 lines and 200 KB; --detail wins over it.'),
  })
  .describe('Settings of project-context for this repository.');

export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** schema.json, shipped in the package: generated from the schema above (test/project-config.test.ts keeps it so). */
export function projectConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(projectConfigSchema, { target: 'draft-7' });
  return { $schema: schema.$schema, $id: SCHEMA_URL, title: CONFIG_FILE, ...schema };
}

/** What each key must be, in the words of an error message. */
const EXPECTED: Record<string, string> = {
  $schema: 'a string (the schema URL or path)',
  ignore: 'a list of glob patterns, e.g. ["legacy/**", "**/*.generated.ts"]',
  'ignore[]': 'a glob pattern (a non-empty string)',
  steps: `a list of step numbers from 1 to ${STEP_COUNT}, e.g. [1, 3, 4]`,
  'steps[]': `a whole number from 1 to ${STEP_COUNT}`,
  output: 'a file path (a non-empty string)',
  budget: '"full" or an object with "lines" and/or "bytes", e.g. { "lines": 400 }',
  'budget.lines': 'a whole number of 200 or more (lines in the whole file)',
  'budget.bytes': 'a whole number of 10240 or more (bytes in the whole file)',
};

export class ConfigError extends UserFacingError {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`, `Fix it, or check it against the schema (${SCHEMA_URL}).`, 2);
  }
}

/** The repository's config file, checked; `undefined` when there is none. */
export function loadProjectConfig(root: string): ProjectConfig | undefined {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(CONFIG_FILE, `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return parseProjectConfig(text, CONFIG_FILE);
}

/** Parses and checks the text of a config file; `name` is how messages call it. */
export function parseProjectConfig(text: string, name = CONFIG_FILE): ProjectConfig {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(name, `is not valid JSON (${(error as Error).message}).`);
  }
  const result = projectConfigSchema.safeParse(json);
  if (result.success) return result.data;
  throw new ConfigError(name, describeIssue(result.error.issues[0], json));
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  // `budget` is "full" or an object: for an object, say what is wrong inside it rather than that neither fits.
  const value = valueAt(json, issue.path);
  if (issue.code === 'invalid_union' && keyPath(issue.path) === 'budget' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const inner = budgetObject.safeParse(value);
    if (!inner.success) {
      const first = inner.error.issues[0];
      return describeIssue({ ...first, path: ['budget', ...first.path] } as z.core.$ZodIssue, json);
    }
  }
  const where = keyPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${where ? `${where}.` : ''}${k}"`).join(', ');
    const known = where === 'budget' ? '"lines", "bytes"' : Object.keys(projectConfigSchema.shape).map((k) => `"${k}"`).join(', ');
    return `unknown key ${keys} (known: ${known}).`;
  }
  if (where === '') return 'must be a JSON object, e.g. { "ignore": ["legacy/**"] }.';
  const generic = where.replace(/\[\d+\]/g, '[]');
  const expected = EXPECTED[generic] ?? EXPECTED[generic.replace(/\[\]$/, '')] ?? issue.message;
  return `"${where}" must be ${expected}; it is ${shown(value)}.`;
}

function keyPath(parts: readonly PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function valueAt(json: unknown, parts: readonly PropertyKey[]): unknown {
  let value = json;
  for (const p of parts) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[p] : undefined;
  return value;
}

function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
