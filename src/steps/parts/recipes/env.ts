/** "Add an environment variable": where the product's code reads them and where each runtime sets them. */
import type { FrontendAppFact } from '../../../detectors/frontend-build/index.js';
import { appFiles } from '../../../detectors/frontend-build/apps.js';
import { publicPrefix } from '../../../detectors/frontend-build/env.js';
import { cite } from '../../../markdown/cite.js';
import { code } from '../../../markdown/text.js';
import { plural } from '../cdk-shared.js';
import type { SetKind } from '../../../model/env.js';
import { compareText } from '../format.js';
import { mostCommon, recipe, type RecipeInput } from './shared.js';

const RUNTIME: readonly { kind: SetKind; label: string; how: string }[] = [
  { kind: 'cdk', label: 'Lambda (AWS CDK)', how: "in the function's `environment`" },
  { kind: 'function', label: 'Serverless functions', how: 'in the function\'s `environment:`' },
  { kind: 'cloudformation', label: 'Lambda (SAM/CloudFormation)', how: "in the function's `Environment.Variables`" },
  { kind: 'ci', label: 'CI', how: 'in a workflow\'s `env:` or a `run:` command' },
  { kind: 'example', label: 'Local development', how: 'in the example dotenv file a new engineer copies' },
  { kind: 'type', label: 'Types', how: 'declared for the type checker' },
];

export function envRecipe({ model, index, facts, product }: RecipeInput): string {
  // The product's own variables: not the ones a runtime or tool provides (`AWS_REGION`, `CDK_DEFAULT_ACCOUNT`).
  const all = model.env.sorted();
  // A read by a library call (`Redis.fromEnv()`) or by a tool's config (`env(X)` in supabase/config.toml) is no place
  // to read a new variable: the code's own reads only.
  // Test code (`tests/*.spec.ts`, `playwright.config.ts`: step 8's own test rule) is no place either, and the count
  // below says "production files": one definition, so the count matches the files step 8 lists as production reads.
  const own = (r: { file: string; through?: unknown; via: string; test?: boolean }) => product(r.file) && !r.test && !r.through && r.via !== 'supabase-config';
  const vars = all.filter((v) => !v.builtin && !v.runtime && v.reads.some(own));
  if (vars.length === 0) return '';
  const reads = vars.flatMap((v) => v.reads.filter(own).map((r) => ({ name: v.name, file: r.file, line: r.lines[0] })));
  // A config module (a file named for configuration that reads several variables) is where new ones go; otherwise
  // reads are local, and the example is the variable read in the most files.
  // Every product file that reads a variable, runtime-provided ones (`NODE_ENV`) included: the sentence says "read".
  const files = new Set(all.flatMap((v) => v.reads.filter(own).map((r) => r.file))).size;
  const byFile = mostCommon(reads, (r) => r.file)!;
  const names = new Set(byFile.items.map((r) => r.name));
  let readStep: string;
  if (names.size >= 3 && /(^|[/._-])(config|env|settings|constants)[^/]*$/i.test(byFile.key)) {
    const example = [...byFile.items].sort((a, b) => compareText(a.name, b.name))[0];
    // Every variable the module reads, runtime-provided ones (`NODE_ENV`) included: the count describes the file.
    const inModule = all.filter((v) => v.reads.some((r) => r.file === byFile.key)).length;
    readStep = `**Read it** in the configuration module ${cite(byFile.key)} (it reads ${plural(inModule, 'variable')}), as ${code(example.name)} is at ${cite(example.file, example.line)}.`;
  } else {
    const spread = mostCommon(reads, (r) => r.name)!;
    const example = [...spread.items].sort((a, b) => compareText(a.file, b.file))[0];
    readStep = `**Read it** where it is needed: ${plural(files, 'production file')} read variables directly, e.g. ${code(example.name)} at ${cite(example.file, example.line)} (read in ${plural(spread.items.length, 'file')}).`;
  }
  const sets: string[] = [];
  for (const runtime of RUNTIME) {
    const sites = vars.flatMap((v) => v.sets.filter((s) => s.kind === runtime.kind && product(s.at.file)).map((s) => ({ name: v.name, site: s })));
    if (sites.length === 0) continue;
    // From the file that sets the most (the stack, the workflow), the first there.
    const top = mostCommon(sites, (s) => s.site.at.file)!;
    const first = [...top.items].sort((a, b) => (a.site.at.line ?? 0) - (b.site.at.line ?? 0) || compareText(a.name, b.name))[0];
    const owner = first.site.owner && runtime.kind !== 'ci' ? ` for ${code(first.site.owner)}` : '';
    // Every name this way sets, read by the code or not (an SDK reads `BLOB_READ_WRITE_TOKEN` itself).
    const count = new Set(all.flatMap((v) => v.sets.filter((s) => s.kind === runtime.kind && product(s.at.file)).map(() => v.name))).size;
    // An example wrangler config (`wrangler.toml.example`) declares names as a dotenv example does, but is no dotenv file.
    const how = runtime.kind === 'example' && /(^|\/)wrangler\.[^/]*$/.test(first.site.at.file) ? 'in the example Wrangler config a new engineer copies' : runtime.how;
    sets.push(`**${runtime.label}:** ${how}, e.g. ${code(first.name)}${owner} at ${cite(first.site.at)} (${plural(count, 'variable')} set this way).`);
  }
  // Per product app, the prefix its framework exposes to browser code, as its own variables show.
  const apps = new Map(facts.of<FrontendAppFact>('frontend.app').map((f) => [f.data.dir, f.data]));
  const browser: string[] = [];
  const declare: string[] = [];
  const typedClient: string[] = [];
  for (const [dir, app] of apps) {
    if (!product(app.manifestPath)) continue;
    // Astro's typed `env.schema`: a name must be declared there before `astro:env/*` can import it.
    const declared = app.framework === 'astro' ? (app.config?.declaredEnv ?? []) : [];
    if (declared.length && app.config) {
      const first = declared[0];
      const client = declared.find((d) => d.context === 'client');
      declare.push(
        `**Declare it** in ${code(app.name)} with \`envField\` in \`env.schema\` of ${cite(app.config.file)}, as ${code(first.name)} is at ${cite(app.config.file, first.line)} (${plural(declared.length, 'variable')} declared there); then import it from \`astro:env/server\` or, for \`context: "client"\`, \`astro:env/client\`: importing a name not declared there fails the build.`,
      );
      if (client) typedClient.push(`${code(app.name)} (e.g. ${code(client.name)} at ${cite(app.config.file, client.line)})`);
    }
    const prefix = publicPrefix(app.framework, app.buildTool);
    if (!prefix) continue;
    const mine = new Set(appFiles(index, dir));
    const names = vars.filter((v) => v.name.startsWith(prefix) && v.reads.some((r) => mine.has(r.file))).map((v) => v.name);
    if (names.length) browser.push(`${code(prefix)} in ${code(app.name)} (e.g. ${code(names[0])})`);
  }
  return recipe('Add an environment variable', [
    ...declare,
    readStep,
    ...sets,
    browser.length ? `**Browser code:** only names with the framework's prefix reach it: ${browser.join(', ')}.` : '',
    typedClient.length ? `**Browser code:** \`astro:env/client\` serves only names declared with \`context: "client"\`: ${typedClient.join(', ')}.` : '',
    // Reads the env reader could not name (a computed name, a framework's accessor): "every variable" would overclaim.
    model.env.dynamic.some((d) => !d.test)
      ? `**All of them:** step 8 lists every variable read by name, with where it is read and set, and the reads it could not name (e.g. ${cite(model.env.dynamic.find((d) => !d.test)!.file, model.env.dynamic.find((d) => !d.test)!.line)}).`
      : '**All of them:** step 8 lists every variable with where it is read and set.',
  ]);
}
