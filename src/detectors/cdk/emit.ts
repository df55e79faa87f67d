/** Turns what the evaluator recorded into facts: stable ids first (so facts can refer to each other), then each kind. */
import type { Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { AppInfo } from './app.js';
import { apiFacts, authorizerFacts, routeFacts } from './emit-api.js';
import { graphqlFacts } from './emit-appsync.js';
import { EmitContext } from './emit-context.js';
import { databaseFacts } from './emit-databases.js';
import { lambdaFacts } from './emit-lambdas.js';
import { lambdaTriggers } from './emit-triggers.js';
import { alarmFacts, appFacts, constructClassFacts, keepUnmappedWhereEmpty, outputFacts, resourceFacts, stackFacts } from './emit-stacks.js';
import { tableFacts } from './emit-tables.js';
import { bucketFacts, distributionFacts, edgeFunctionFacts, userPoolClientFacts, userPoolFacts } from './emit-web.js';
import type { CdkGrant } from './facts.js';
import type { Interpreter } from './interpreter.js';
import type { Frame, Rec } from './records.js';
import type { ts } from '../../scan/ts.js';
import { pushTo } from '../../collections.js';
import type { UnusedStackClass } from './unreached.js';
import { citationOf } from './values.js';

export function emitFacts(index: RepoIndex, it: Interpreter, apps: readonly AppInfo[], unused: readonly UnusedStackClass[] = []): Fact[] {
  const ctx = new EmitContext(index, it.model, apps);
  assignIds(ctx);
  const grants = grantsOf(ctx);
  const lambdas = lambdaFacts(ctx, grants, lambdaTriggers(ctx));
  const facts: Fact[] = [
    ...appFacts(ctx, unused),
    ...stackFacts(ctx, it),
    ...constructClassFacts(ctx),
    ...lambdas,
    ...apiFacts(ctx),
    ...authorizerFacts(ctx),
    ...routeFacts(ctx, lambdas),
    ...graphqlFacts(ctx, lambdas),
    ...tableFacts(ctx, grants, lambdas),
    ...databaseFacts(ctx),
    ...userPoolFacts(ctx),
    ...userPoolClientFacts(ctx),
    ...bucketFacts(ctx),
    ...distributionFacts(ctx),
    ...edgeFunctionFacts(ctx),
    ...alarmFacts(ctx),
    ...outputFacts(ctx),
    ...resourceFacts(ctx),
  ];
  const seen = new Set<string>();
  return keepUnmappedWhereEmpty(facts)
    .filter((f) => {
      const key = `${f.kind}\u0000${f.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        (a.at[0]?.file ?? '').localeCompare(b.at[0]?.file ?? '') ||
        (a.at[0]?.line ?? 0) - (b.at[0]?.line ?? 0) ||
        a.id.localeCompare(b.id),
    );
}

/**
 * Two different constructs with the same id path (e.g. unresolved ids) get `@file:line` so references stay exact. The
 * same `new` reached again under an id not known statically is another construct when a different call led there (a
 * `createFunction(scope, nameFrom(path))` helper called once per endpoint): each is told apart by the innermost call
 * the others did not go through, and named and cited there. Reached again through the same calls (a loop's passes),
 * one record stands for all of them.
 */
function assignIds(ctx: EmitContext): void {
  const taken = new Map<string, Rec>();
  const sites = callSitesOfRepeats(ctx);
  for (const rec of ctx.model.recs) {
    const site = sites.get(rec);
    if (site) {
      const c = citationOf(site);
      // The file's name, not its path: the table cites the path beside it, and ids stay unique (a clash gets `@file:line`).
      ctx.setSite(rec, site, `@${c.file.slice(c.file.lastIndexOf('/') + 1)}:${c.line}`);
    }
    const id = ctx.id(rec);
    const key = `${rec.category ?? rec.kind}\u0000${id}`;
    const prev = taken.get(key);
    if (!prev) taken.set(key, rec);
    else if (prev.node === rec.node) {
      if (!rec.idText.resolved) ctx.repeated.add(prev);
    } else {
      const c = citationOf(rec.node);
      ctx.setId(rec, `${id}@${c.file}:${c.line}`);
    }
  }
}

/** For records of one `new` with one unresolved id path reached through different calls: the call that tells each apart. */
function callSitesOfRepeats(ctx: EmitContext): Map<Rec, ts.Node> {
  const groups = new Map<string, Rec[]>();
  const nodeKeys = new Map<ts.Node, number>();
  for (const rec of ctx.model.recs) {
    if (rec.idText.resolved) continue;
    if (!nodeKeys.has(rec.node)) nodeKeys.set(rec.node, nodeKeys.size);
    pushTo(groups, `${rec.category ?? rec.kind}\u0000${ctx.id(rec)}\u0000${nodeKeys.get(rec.node)}`, rec);
  }
  ctx.clearIds();
  const out = new Map<Rec, ts.Node>();
  for (const recs of groups.values()) {
    if (recs.length < 2) continue;
    const chains = recs.map((r) => callChain(r.frame));
    const distinct = [...new Set(chains.map((c) => c.key))];
    if (distinct.length < 2) continue;
    recs.forEach((rec, i) => {
      const others = new Set(chains.filter((c) => c.key !== chains[i].key).flatMap((c) => c.sites));
      const site = chains[i].sites.find((s) => !others.has(s));
      if (site) out.set(rec, site);
    });
  }
  return out;
}

const siteIds = new WeakMap<ts.Node, number>();
let nextSiteId = 0;

/** The call sites that led to a frame, innermost first, and a key for that sequence. */
function callChain(frame: Frame | undefined): { sites: ts.Node[]; key: string } {
  const sites: ts.Node[] = [];
  for (let f = frame; f; f = f.parent) if (f.callSite) sites.push(f.callSite);
  const key = sites
    .map((s) => {
      let n = siteIds.get(s);
      if (n === undefined) siteIds.set(s, (n = nextSiteId++));
      return n;
    })
    .join(',');
  return { sites, key };
}

function grantsOf(ctx: EmitContext): CdkGrant[] {
  const seen = new Set<string>();
  const out: CdkGrant[] = [];
  for (const g of ctx.model.grants) {
    const resource = ctx.ref(g.resource);
    const grantee = ctx.ref(g.grantee, 'lambda');
    const key = `${g.method}\u0000${resource.text}\u0000${grantee.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      method: g.method,
      resource: resource.text,
      resourceResolved: resource.resolved,
      grantee: grantee.text,
      granteeResolved: grantee.resolved,
      at: citationOf(g.node),
    });
  }
  return out;
}
