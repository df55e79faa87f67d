/**
 * Ids that survive edits elsewhere in a file: `GET /v1/books` rather than its file and line, qualified by the app
 * (and then the file) only when two facts would otherwise share an id. `--check` then reports a route as changed
 * only when the route itself changes.
 */
export function stableIds<T>(items: readonly T[], levels: readonly ((item: T) => string)[]): string[] {
  let ids = items.map((item) => levels[0](item));
  for (let level = 1; level < levels.length; level++) {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    if ([...counts.values()].every((n) => n === 1)) break;
    ids = ids.map((id, i) => ((counts.get(id) ?? 0) > 1 ? levels[level](items[i]) : id));
  }
  return ids;
}
