/**
 * Offset → line lookups for a text: the line starts are found in one pass, each lookup is a binary search. Counting
 * the line breaks before an offset instead costs O(offset) per lookup, and a detector that looks up every script of
 * a 110,000-line package.json that way spends minutes (issue 18). `RepoIndex.lineAt` keeps one of these per file.
 */
export class LineIndex {
  /** Offset of the first character of each line; `starts[0]` is 0. */
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line of the character at `offset` (an offset past the end is on the last line). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** For a text that is not a file of the index (a slice, a generated text): build once, look up many times. */
export function lineIndex(text: string): LineIndex {
  return new LineIndex(text);
}
