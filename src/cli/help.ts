import { STEP_TITLES } from '../steps/titles.js';

export function helpText(version: string): string {
  const steps = STEP_TITLES.map((title, i) => `  ${String(i + 1).padStart(2)}. ${title}`).join('\n');
  return `project-context ${version}
Reads a TypeScript/JavaScript repository and writes PROJECT-CONTEXT.md, the "where to find X" map for new engineers
and AI assistants, one reviewed section at a time. Nothing is written until you accept a section.

Usage
  project-context [dir] [options]      run the wizard on dir (default: the current folder)
  project-context --check [dir]        compare PROJECT-CONTEXT.md with the code: exit 0 current, 3 drifted
  project-context --json [dir]         print every step's facts with their files and lines as JSON (writes nothing)
  project-context config [key value]   show or change your settings (e.g. config editor "code --wait")
  project-context mcp [dir]            serve the map to AI assistants (Model Context Protocol over stdio)

Options
  -y, --yes            no questions: generate and accept every step in order; one progress line per step on stderr
  -o, --output FILE    where to write (default: <dir>/PROJECT-CONTEXT.md)
      --state FILE     where to keep progress (default: <dir>/.project-context/state.json; git-ignored)
      --restart        start a new session without asking (the previous output is backed up into the session
                       folder, .project-context/)
      --steps LIST     only these steps, e.g. 1,2 or 3-5 or 1,3-5
      --vision FILE    a product vision document to summarise in step 1
      --detail full    no size budget: every package, route and row in full (default: the file fits 4,000 lines
                       and 200 KB; examples, tests and benchmarks are summarised first, each summary says so)
      --focus PATH     map one package or folder in full (e.g. packages/api); other packages are summarised
      --editor CMD     editor for this run (default: config editor, then $VISUAL, $EDITOR, vi)
      --check          report cited paths that are gone, facts added/removed/changed since each section was
                       accepted, sections edited by hand, and steps never accepted (with --json: as JSON)
      --diff           with --check: also show what regenerating each drifted section would change
      --json           the facts of the selected steps as JSON (schema: docs/facts-json.md)
  -h, --help           this help
  -v, --version        the version

Steps
${steps}

Review keys
  a, Enter   accept: append the section to the output and go on (only once it has been on screen a moment)
  e          edit the section in your editor, then review it again
  r          regenerate the section from the code (re-reads changed files; asks first if you edited it)
  s          skip this step        u   undo the last accept or skip    d   show what changed
  /  n N     search, next, previous                                   q   save progress and quit
  ↑ ↓ j k    scroll a line         PgUp PgDn Space b   a page         Ctrl+U Ctrl+D   half a page
  ← → h l    wide lines sideways   Home End g G   top, bottom          x   dismiss notices   ?   all keys

Resuming
  Progress is saved after every decision. Run the same command after quitting, Ctrl+C or a crash to continue where
  you stopped; answer n to start over. A second wizard on the same repository is refused while the first runs.

Safety
  The repository's code is only read, never run. Environment variable names are listed, their values never are.
  Sections edited by hand in PROJECT-CONTEXT.md are never replaced without asking.

Exit codes
  0 done   1 failed   2 wrong usage (or no terminal without --yes)   3 --check found drift   130 interrupted

Environment
  VISUAL, EDITOR   your editor        NO_COLOR   no colours        DEBUG   show stack traces on errors
  PROJECT_CONTEXT_CONFIG_DIR     where your settings are kept
  PROJECT_CONTEXT_CODE_CACHE=0   do not keep compiled TypeScript in your cache folder (~/.cache/project-context)
`;
}
