/**
 * Where an environment-variable-shaped name appears in the repository's text, apart from what the detectors
 * understood. It backs the negative claims about variables: "set nowhere" is not printed while a compose file, a
 * Dockerfile or a Makefile names the variable, and "not read by the code" not while a source file names it (a config
 * module, a zod schema, a helper the env detector does not follow).
 */
import type { Citation } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';

export interface EnvMentions {
  /** Source files that name the variable (reads the env detector may not have recognised). */
  code(name: string): { what: string; at: Citation }[];
  /** Settings files that name it: compose, Dockerfiles, Kubernetes, Makefiles, shell scripts, CI, TOML/JSON config. */
  settings(name: string): { what: string; at: Citation }[];
}

/** Source in any language: a CDK app's Python or Go Lambdas read the variables it sets. */
const CODE = /\.(m|c)?[jt]sx?$|\.(astro|vue|svelte|py|go|rb|java|kt|rs|php|cs)$/;
const SETTINGS =
  /(^|\/)(Dockerfile[^/]*|[^/]*\.Dockerfile|Makefile|makefile|GNUmakefile|justfile|Justfile|Procfile|\.env[^/]*|[^/]+\.(ya?ml|toml|sh|bash|mk|tf|tfvars|hcl|ini|conf|cfg|properties|json|env))$/;
/** Upper-case identifiers of at least three characters: the shape of nearly every environment variable name. */
const NAME = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b|\b[A-Z]{3,}\b/g;
const PER_NAME = 5;

interface Table {
  readonly code: Map<string, Citation[]>;
  readonly settings: Map<string, Citation[]>;
}

const tables = new WeakMap<RepoIndex, Table>();

export function envMentions(index: RepoIndex): EnvMentions {
  const table = () => {
    let t = tables.get(index);
    if (!t) tables.set(index, (t = build(index)));
    return t;
  };
  return {
    code: (name) => (table().code.get(name) ?? []).map((at) => ({ what: 'named in code', at })),
    settings: (name) => (table().settings.get(name) ?? []).map((at) => ({ what: 'named in a settings file', at })),
  };
}

function build(index: RepoIndex): Table {
  const code = new Map<string, Citation[]>();
  const settings = new Map<string, Citation[]>();
  for (const file of index.files) {
    const target = CODE.test(file) && !file.endsWith('.d.ts') ? code : SETTINGS.test(file) && !/(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock)$/.test(file) ? settings : undefined;
    if (!target) continue;
    const text = index.read(file);
    if (!text) continue;
    let line = 1;
    // The first newline not yet counted: one forward pass per file. (Searching again from the current line's start
    // for every match was quadratic on long lines: a one-line JSON file with thousands of names took a second.)
    let newline = text.indexOf('\n');
    NAME.lastIndex = 0;
    for (let m = NAME.exec(text); m; m = NAME.exec(text)) {
      while (newline !== -1 && newline < m.index) {
        line++;
        newline = text.indexOf('\n', newline + 1);
      }
      let list = target.get(m[0]);
      if (!list) target.set(m[0], (list = []));
      if (list.length < PER_NAME && !list.some((c) => c.file === file)) list.push({ file, line });
    }
  }
  return { code, settings };
}
