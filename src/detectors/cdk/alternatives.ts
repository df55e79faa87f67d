/**
 * Conditions that exclude each other: `useX` and `!(useX)` (an `if`/`else` or a conditional expression), and two
 * cases of one `switch` (`stage === 'prod'` and `stage === 'dev'`, or a case and the `default`). Stacks the app
 * creates only under excluding conditions are alternatives: one or the other is deployed, never both.
 */

/** True when some condition of `a` and some condition of `b` cannot hold together. */
export function exclusive(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => excludes(x, y)));
}

function excludes(x: string, y: string): boolean {
  if (x === `!(${y})` || y === `!(${x})`) return true;
  const cx = caseOf(x);
  const cy = caseOf(y);
  if (!cx || !cy || cx.subject !== cy.subject) return false;
  // A case and the default, or two cases with different literal values.
  return cx.value !== cy.value && (cx.value === undefined || cy.value === undefined || (LITERAL.test(cx.value) && LITERAL.test(cy.value)));
}

const LITERAL = /^(['"`]).*\1$|^-?\d+(\.\d+)?$|^(true|false|null|undefined)$/;

/** `stage === 'prod'` → subject `stage`, value `'prod'`; `default of stage` → subject `stage`, no value. */
function caseOf(condition: string): { subject: string; value?: string } | undefined {
  const d = /^default of (.+)$/.exec(condition);
  if (d) return { subject: d[1] };
  const m = /^(.+?) ===? (.+)$/.exec(condition);
  return m ? { subject: m[1], value: m[2] } : undefined;
}

/** For each stack, the others whose every instance excludes every one of its instances. */
export function alternativesOf<T>(stacks: readonly { readonly key: T; readonly uses: readonly (readonly string[])[] }[]): Map<T, T[]> {
  const out = new Map<T, T[]>();
  for (const s of stacks) {
    if (s.uses.length === 0 || s.uses.every((c) => c.length === 0)) continue;
    const others = stacks.filter((o) => o !== s && o.uses.length > 0 && s.uses.every((a) => o.uses.every((b) => exclusive(a, b))));
    if (others.length > 0) out.set(s.key, others.map((o) => o.key));
  }
  return out;
}
