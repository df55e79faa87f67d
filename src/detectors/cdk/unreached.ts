/**
 * What the app entry did not reach. When an entry created stacks, the app is what `cdk synth` deploys: a stack class
 * it never instantiates (an abstract base, a base that concrete stacks extend, example code) is not a stack, and
 * nothing is read from it on its own. Only when no entry reached a stack (no cdk.json entry, or one the evaluator could
 * not follow) are unreached classes read alone, so their resources still show — bases and abstract classes excepted,
 * since each concrete stack that extends them already runs their constructor.
 */
import { ts } from '../../scan/ts.js';
import { AUX_DIR } from '../stack/role.js';
import { withoutComments } from '../shared/text-scan.js';
import { baseOf, classKind, instantiate } from './classes.js';
import type { Interpreter } from './interpreter.js';
import { unknown, type Value } from './values.js';

export interface UnusedStackClass {
  readonly decl: ts.ClassDeclaration;
  readonly file: string;
  /** `abstract`: declared abstract; `base`: extended by a stack class; `unused`: neither, and never instantiated. */
  readonly reason: 'abstract' | 'base' | 'unused';
}

interface Candidate {
  readonly decl: ts.ClassDeclaration;
  readonly file: string;
  readonly kind: string;
}

/**
 * Reads what the entries did not reach (see above) and returns the stack classes that are not followed as stacks.
 * `followed(file)`: the file belongs to an app whose entry created stacks, so what the entry did not reach there is
 * not followed.
 */
export function readUnreached(it: Interpreter, files: readonly string[], followed: (file: string) => boolean): UnusedStackClass[] {
  const classes: Candidate[] = [];
  const functions: { decl: ts.FunctionDeclaration; file: string }[] = [];
  for (const file of files) {
    const info = it.program.module(file);
    if (!info) continue;
    for (const decl of info.decls.values()) {
      if (ts.isClassDeclaration(decl)) {
        const kind = classKind(it, decl).kind;
        if (kind !== 'plain') classes.push({ decl, file, kind });
      } else if (!followed(file) && ts.isFunctionDeclaration(decl) && decl.body && takesScope(decl) && /\bnew\s/.test(decl.body.getText())) {
        functions.push({ decl, file });
      }
    }
  }
  const stacks = classes.filter((c) => c.kind === 'stack' || c.kind === 'stage');
  const bases = new Set<ts.Node>();
  for (const c of stacks) for (let b = baseOf(it, c.decl), i = 0; b?.k === 'class' && i < 10; b = baseOf(it, b.decl), i++) bases.add(b.decl);
  const abstract = (d: ts.ClassDeclaration) => (ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Abstract) !== 0;
  const unused: UnusedStackClass[] = [];
  // A class the code names somewhere besides its declaration and imports (`const S = local ? A : B`, a list of
  // classes) may be instantiated in a way not followed: it is read on its own rather than said to be unused.
  const unreached = stacks.filter((c) => !it.entered.has(c.decl) && c.kind === 'stack');
  const reasonOf = (c: Candidate) => (abstract(c.decl) ? 'abstract' : bases.has(c.decl) ? 'base' : 'unused');
  const maybeUnused = unreached.filter((c) => reasonOf(c) === 'unused').map((c) => c.decl);
  const named = maybeUnused.length > 0 ? namedClasses(it, files, maybeUnused) : new Set<ts.Node>();
  const readAlone = new Set<ts.ClassDeclaration>();
  for (const c of unreached) {
    const reason = reasonOf(c);
    if (reason === 'unused' && named.has(c.decl)) readAlone.add(c.decl);
    else if (followed(c.file) || reason !== 'unused') unused.push({ decl: c.decl, file: c.file, reason });
  }
  for (const decl of readAlone) {
    if (!it.exhausted()) instantiate(it, { k: 'class', decl, file: decl.getSourceFile().fileName }, ['scope', 'id', 'props'].map((t) => unknown(undefined, t)), decl, true);
  }
  const skip = new Set<ts.Node>(unused.map((u) => u.decl));
  const rank = (c: Candidate) => (c.kind === 'stack' || c.kind === 'stage' ? 0 : 1);
  const args = (names: readonly string[]): Value[] => names.map((t) => unknown(undefined, t));
  const readClass = ({ decl, file }: Candidate) => {
    if (followed(file) || it.entered.has(decl) || skip.has(decl) || bases.has(decl) || abstract(decl) || it.exhausted()) return;
    instantiate(it, { k: 'class', decl, file }, args(['scope', 'id', 'props']), decl, true);
  };
  // A class another class or helper read here creates (`new ApiLambda(this, 'Api', …)` in a construct library's
  // top construct) is read through that `new`, with its real id and props: read alone first, its resources would
  // show twice. So classes nobody here creates go first, then the helpers, then what is still not entered.
  const ordered = [...classes].sort((a, b) => rank(a) - rank(b));
  const created = createdNames(ordered, functions);
  const later = ordered.filter((c) => created.has(c.decl));
  for (const c of ordered) if (!created.has(c.decl)) readClass(c);
  for (const { decl, file } of functions) {
    if (it.entered.has(decl) || it.exhausted()) continue;
    const fn = it.topValue(it.program.module(file)!, decl.name?.text ?? '');
    if (fn?.k === 'fn') it.call(fn, fn.fn.parameters.map((p) => unknown(p.name, p.name.getText())), undefined);
  }
  for (const c of createdFirst(later, created)) readClass(c);
  return unused;
}

/**
 * The candidate classes some other candidate class or helper function creates (`new Name(` in its text), each with
 * the declarations that create it. A name is matched by text, so a same-named class elsewhere is only read later,
 * never lost: what is still not entered after its creators are read is read alone.
 */
function createdNames(classes: readonly Candidate[], functions: readonly { decl: ts.FunctionDeclaration }[]): Map<ts.Node, ts.Node[]> {
  const byName = new Map<string, Candidate[]>();
  for (const c of classes) if (c.decl.name) byName.set(c.decl.name.text, [...(byName.get(c.decl.name.text) ?? []), c]);
  const out = new Map<ts.Node, ts.Node[]>();
  if (byName.size === 0) return out;
  for (const creator of [...classes.map((c) => c.decl), ...functions.map((f) => f.decl)]) {
    for (const m of creator.getText().matchAll(/\bnew\s+(?:[\w$]+\.)*([\w$]+)\s*[(<]/g)) {
      for (const c of byName.get(m[1]) ?? []) if (c.decl !== creator) out.set(c.decl, [...(out.get(c.decl) ?? []), creator]);
    }
  }
  return out;
}

/** Classes created by others, those whose creators are all read (or not among them) first, so a chain reads from its top. */
function createdFirst(later: readonly Candidate[], created: Map<ts.Node, ts.Node[]>): Candidate[] {
  const pending = [...later];
  const out: Candidate[] = [];
  while (pending.length > 0) {
    const waiting = new Set<ts.Node>(pending.map((c) => c.decl));
    const i = Math.max(0, pending.findIndex((c) => !(created.get(c.decl) ?? []).some((d) => waiting.has(d) && d !== c.decl)));
    out.push(...pending.splice(i, 1));
  }
  return out;
}

/**
 * Which of `classes` the files mention outside comments, `import`/`export … from` lines and their own `class X`
 * declaration. A commented-out `// new ApiStackV2(app, …)` creates nothing. A mention counts for the class that name
 * is bound to in that file (declared there, or imported from its module): `new AuthStack(…)` with `AuthStack` imported
 * from `./auth-stack` does not name a same-named class in `./auth-stack-v2` that nothing imports. A name the file does
 * not bind to a repository class (a global, a package) still counts for every class of that name.
 */
function namedClasses(it: Interpreter, files: readonly string[], classes: readonly ts.ClassDeclaration[]): Set<ts.Node> {
  const byName = new Map<string, ts.ClassDeclaration[]>();
  for (const c of classes) if (c.name) byName.set(c.name.text, [...(byName.get(c.name.text) ?? []), c]);
  const out = new Set<ts.Node>();
  if (byName.size === 0) return out;
  const re = new RegExp(`\\b(${[...byName.keys()].map((n) => n.replace(/[$]/g, '\\$')).join('|')})\\b`, 'g');
  for (const file of files) {
    // Examples and tests name classes without deploying them.
    if (file.split('/').slice(0, -1).some((d) => AUX_DIR.test(d))) continue;
    const text = withoutComments(it.program.index.read(file) ?? '');
    for (const line of text.split('\n')) {
      if (/^\s*(import\b|export\s*(\*|\{[^}]*\}\s*from)|\}\s*from\s)/.test(line)) continue;
      for (const m of line.matchAll(re)) {
        const before = line.slice(0, m.index);
        if (/\b(class|interface|type|extends)\s+$/.test(before) || /:\s*$/.test(before)) continue;
        const bound = boundClass(it, file, m[1]);
        for (const c of byName.get(m[1]) ?? []) if (bound === undefined || bound === c) out.add(c);
      }
    }
  }
  return out;
}

/** The repository class `name` is bound to at the top of `file` (declared there or imported), if any. */
function boundClass(it: Interpreter, file: string, name: string): ts.Node | undefined {
  const info = it.program.module(file);
  if (!info) return undefined;
  const own = info.decls.get(name);
  if (own) return ts.isClassDeclaration(own) ? own : undefined;
  const binding = info.imports.get(name);
  const target = binding ? it.program.resolveImport(file, binding) : undefined;
  if (target?.kind !== 'decl') return undefined;
  const decl = it.program.module(target.file)?.decls.get(target.name);
  return decl && ts.isClassDeclaration(decl) ? decl : undefined;
}

/** A helper that creates constructs takes the scope to create them in: `(scope: Construct, …)`, `(stack: Stack, …)`. */
function takesScope(decl: ts.FunctionDeclaration): boolean {
  return decl.parameters.some(
    (p) => /^(scope|stack|construct|parent|app)$/.test(p.name.getText()) || /\b(Construct|Stack|App|Stage)\b/.test(p.type?.getText() ?? ''),
  );
}
