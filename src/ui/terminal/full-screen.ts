import { EventEmitter } from 'node:events';
import { writeSync } from 'node:fs';

const CSI = '\u001b[';
const ENTER = `${CSI}?1049h${CSI}?1007h${CSI}?25l${CSI}2J`;
/** Alternate scroll off, cursor shown, SGR reset, then the user's own screen back with its scrollback. */
const LEAVE = `${CSI}?2026l${CSI}0m${CSI}?1007l${CSI}?25h${CSI}?1049l`;
const SYNC_BEGIN = `${CSI}?2026h`;
const SYNC_END = `${CSI}?2026l`;

/** The parts of a terminal stream the screen uses; process.stdout in the CLI. */
export interface TerminalOutput {
  readonly columns?: number;
  readonly rows?: number;
  readonly fd?: number;
  write(data: string): boolean;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'resize', listener: () => void): unknown;
}

/**
 * The wizard's screen in the terminal's alternate buffer, so the user's own screen and scrollback come back untouched
 * on every way out. Ink renders whole frames into `inkStdout` (its debug mode: every frame complete, no erase
 * sequences); the screen compares each frame with the last one and rewrites only the rows that changed, each at an
 * absolute position. Ink's own writer would clear the screen and the scrollback for every frame as tall as the
 * terminal.
 *
 * The alternate buffer is entered with alternate scroll mode (1007): the mouse wheel then arrives as ↑/↓ keys, which
 * scroll the section, while text can still be selected with the mouse.
 */
export class FullScreen {
  readonly inkStdout: InkStdout;
  private active = false;
  private painted: string[] = [];
  private frame: string[] = [];
  private clearFirst = true;
  private scheduled = false;

  constructor(private readonly out: TerminalOutput) {
    this.inkStdout = new InkStdout(out, (frame) => this.paint(frame), () => this.invalidate());
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Takes the alternate buffer; the next frame is painted whole. Safe to call again while active. */
  enter(): void {
    if (this.active) return;
    this.active = true;
    this.clearFirst = true;
    this.painted = [];
    this.write(ENTER);
    if (this.frame.length > 0) this.schedule();
    process.on('exit', this.leaveNow);
    // Runs before Node prints an uncaught error, so the stack trace lands on the user's screen, not the discarded one.
    process.on('uncaughtExceptionMonitor', this.leaveNow);
    this.inkStdout.listen();
  }

  /** Gives the user's screen back (cursor shown, alternate scroll off). Safe to call when not active. */
  leave(): void {
    if (!this.active) return;
    this.active = false;
    process.off('exit', this.leaveNow);
    process.off('uncaughtExceptionMonitor', this.leaveNow);
    this.inkStdout.unlisten();
    this.writeNow(LEAVE);
  }

  /** The next paint redraws every row (after a resize, or when the terminal comes back from the shell). */
  invalidate(): void {
    this.clearFirst = true;
    this.painted = [];
    if (this.active) this.schedule();
  }

  private readonly leaveNow = () => this.leave();

  private paint(frame: string): void {
    this.frame = frame.split('\n');
    if (this.active) this.schedule();
  }

  /** Frames that arrive together (several keys in one chunk) are painted once. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Writes the rows that differ from what the terminal shows. Public for tests that paint without an event loop. */
  flush(): void {
    if (!this.active) return;
    const height = this.out.rows || 24;
    const next = this.frame.slice(0, height);
    let out = this.clearFirst ? `${CSI}0m${CSI}2J` : '';
    const rows = Math.max(next.length, this.painted.length);
    for (let i = 0; i < rows; i++) {
      const line = next[i] ?? '';
      if (!this.clearFirst && line === this.painted[i]) continue;
      // Erase first, then write: erasing after a row that fills the width would take its last character with it.
      out += `${CSI}${i + 1};1H${CSI}0m${CSI}2K${line}`;
    }
    this.clearFirst = false;
    this.painted = next;
    if (out) this.write(`${SYNC_BEGIN}${out}${CSI}0m${SYNC_END}`);
  }

  private write(data: string): void {
    this.out.write(data);
  }

  /** Synchronous, for exit paths where the event loop will not run again. */
  private writeNow(data: string): void {
    if (this.out.fd !== undefined) {
      try {
        writeSync(this.out.fd, data);
        return;
      } catch {
        // a closed terminal: nothing left to restore
      }
    }
    this.out.write(data);
  }
}

/**
 * What Ink is given as its stdout: the terminal's size and resize events, and a `write` that receives whole frames.
 * A resize first marks the screen for a full repaint, then lets Ink lay out again.
 */
export class InkStdout extends EventEmitter {
  readonly isTTY = true;
  readonly writable = true;

  constructor(
    private readonly out: TerminalOutput,
    private readonly onFrame: (frame: string) => void,
    private readonly onResize: () => void,
  ) {
    super();
  }

  get columns(): number {
    return this.out.columns || 80;
  }

  get rows(): number {
    return this.out.rows || 24;
  }

  write(data: string, callback?: () => void): boolean {
    // Ink's own line eraser still writes here when the window narrows: control sequences with nothing to show are
    // not a frame (a real frame is text, even an empty screen's newlines).
    // eslint-disable-next-line no-control-regex
    if (data !== '' && data.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') !== '') this.onFrame(data);
    if (callback) setImmediate(callback);
    return true;
  }

  listen(): void {
    this.out.on('resize', this.resized);
  }

  unlisten(): void {
    this.out.off('resize', this.resized);
  }

  private readonly resized = () => {
    this.onResize();
    this.emit('resize');
  };
}
