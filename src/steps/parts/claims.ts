/** Negative claims in sections: printed when the model confirms them, otherwise replaced by what the model found. */
import { bullets, join } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { oneLine } from '../../markdown/text.js';
import type { ClaimTopic } from '../../model/claims.js';
import type { StepModel } from '../../model/repo-model.js';
import type { Evidence } from '../../model/topics.js';

/**
 * `none` when the whole repository confirms it; otherwise `found` followed by the evidence (the first few, with a
 * count of the rest), so the reader learns where to look instead of reading a false "none".
 */
export function noneOr(model: StepModel, topic: ClaimTopic, none: string, found: string, subject?: string, limit = 6): string {
  const claim = model.none(topic, none, subject);
  if (claim !== undefined) return claim;
  return join(found, evidenceList(model.evidence(topic, subject), limit));
}

/** The opening of a sentence about a repository without a CDK app, said only when nothing shows one. */
export function noCdk(model: StepModel): string {
  const none = model.none('cdk', 'No AWS CDK app in this repository');
  if (none) return none;
  const where = model.evidence('cdk')[0];
  return `The AWS CDK code (${where ? cite(where.at) : 'see step 6'}) exists but defines nothing this step maps`;
}

export function evidenceList(evidence: readonly Evidence[], limit = 6): string {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const e of evidence) {
    const key = `${e.what}@${e.at.file}:${e.at.line ?? ''}`;
    if (seen.has(key) || !e.at.file) continue;
    seen.add(key);
    items.push(`${oneLine(e.what)} — ${cite(e.at)}`);
  }
  if (items.length > limit) return bullets([...items.slice(0, limit), `(+${items.length - limit} more)`]);
  return bullets(items);
}
