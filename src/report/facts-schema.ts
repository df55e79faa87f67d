import { z } from 'zod';

/**
 * The `--json` output: every fact each step found, with its citations. Versioned: a change that would break a reader
 * bumps FACTS_SCHEMA_VERSION. Documented in docs/facts-json.md.
 */
export const FACTS_SCHEMA_VERSION = 1;

export const CitationSchema = z.object({
  /** Repo-relative posix path, no leading slash. */
  file: z.string().min(1),
  /** 1-based line, when known. */
  line: z.number().int().positive().optional(),
});

export const FactSchema = z.object({
  /** Namespaced kind: `cdk.route`, `cdk.table`, `env.var`, `frontend.route`, … */
  kind: z.string().min(1),
  /** Stable identity within the kind, e.g. `GET /v1/kv/{namespace}/{key}`. */
  id: z.string(),
  /** Kind-specific plain JSON. */
  data: z.unknown(),
  at: z.array(CitationSchema),
});

export const StepFactsSchema = z.object({
  number: z.number().int().min(1).max(10),
  title: z.string(),
  facts: z.array(FactSchema),
  /** Detectors that failed on this repository; their facts are missing. */
  failures: z.array(z.object({ detector: z.string(), message: z.string() })),
});

export const FactsReportSchema = z.object({
  schema: z.literal('project-context/facts'),
  version: z.literal(FACTS_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('project-context'), version: z.string() }),
  /** Absolute path of the analysed folder. */
  root: z.string(),
  gitHead: z.string().nullable(),
  steps: z.array(StepFactsSchema),
});

export type FactsReport = z.infer<typeof FactsReportSchema>;
