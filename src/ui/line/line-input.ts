import { createInterface, type Interface } from 'node:readline';

export interface Line {
  readonly text: string;
  /** When it arrived (ms since the epoch): a line typed before its question was printed is not an answer to it. */
  readonly at: number;
}

/**
 * Lines from stdin in cooked mode, for terminals without cursor control (TERM=dumb): the line discipline does the
 * editing, Ctrl+C is a real SIGINT, and nothing but plain text is written.
 */
export class LineInput {
  private readonly rl: Interface;
  private readonly queue: Line[] = [];
  private waiting: ((line: Line | undefined) => void) | undefined;
  private ended = false;
  private paused = false;

  constructor(input: NodeJS.ReadableStream = process.stdin) {
    this.rl = createInterface({ input, terminal: false });
    this.rl.on('line', (text) => {
      const line = { text: text.trim(), at: Date.now() };
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(line);
      else this.queue.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  /** The next line; undefined once stdin has ended. */
  next(): Promise<Line | undefined> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Lets another program read the terminal (an editor); lines typed meanwhile are dropped. */
  pause(): void {
    this.paused = true;
    this.rl.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.queue.length = 0;
    this.rl.resume();
  }

  close(): void {
    this.rl.close();
  }
}
