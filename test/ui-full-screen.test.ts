import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FullScreen } from '../src/ui/terminal/full-screen.js';

class FakeTerminal extends EventEmitter {
  columns = 40;
  rows = 5;
  written = '';
  write(data: string): boolean {
    this.written += data;
    return true;
  }
  take(): string {
    const out = this.written;
    this.written = '';
    return out;
  }
}

const rowsWritten = (out: string) => [...out.matchAll(/\u001b\[(\d+);1H\u001b\[0m\u001b\[2K([^\u001b]*)/g)].map((m) => [Number(m[1]), m[2]]);

describe('FullScreen', () => {
  it('takes the alternate screen, paints a frame whole, then only the rows that changed', () => {
    const term = new FakeTerminal();
    const screen = new FullScreen(term);
    screen.enter();
    expect(term.take()).toBe('\u001b[?1049h\u001b[?1007h\u001b[?25l\u001b[2J');
    screen.inkStdout.write('title\nrow a\nrow b\nkeys');
    screen.flush();
    expect(rowsWritten(term.take())).toEqual([[1, 'title'], [2, 'row a'], [3, 'row b'], [4, 'keys']]);
    screen.inkStdout.write('title\nrow a\nrow B\nkeys');
    screen.flush();
    const second = term.take();
    expect(rowsWritten(second)).toEqual([[3, 'row B']]);
    expect(second).not.toContain('\u001b[2J');
    expect(second).not.toContain('\u001b[3J');
    // A shorter frame blanks the rows it no longer uses.
    screen.inkStdout.write('title\nrow a');
    screen.flush();
    expect(rowsWritten(term.take())).toEqual([[3, ''], [4, '']]);
    screen.leave();
  });

  it('ignores writes with nothing to show (Ink erasing lines), and repaints everything after a resize', () => {
    const term = new FakeTerminal();
    const screen = new FullScreen(term);
    screen.enter();
    screen.inkStdout.write('one\ntwo');
    screen.flush();
    term.take();
    screen.inkStdout.write('\u001b[2K\u001b[1A\u001b[2K\u001b[G');
    screen.flush();
    expect(term.take()).toBe('');
    term.rows = 3;
    term.emit('resize');
    screen.flush();
    const out = term.take();
    expect(out).toContain('\u001b[2J');
    expect(rowsWritten(out)).toEqual([[1, 'one'], [2, 'two']]);
    screen.leave();
  });

  it('gives the screen back: cursor shown, alternate scroll off, the user’s screen restored; twice is harmless', () => {
    const term = new FakeTerminal();
    const screen = new FullScreen(term);
    screen.enter();
    term.take();
    screen.leave();
    const out = term.take();
    expect(out).toContain('\u001b[?25h');
    expect(out).toContain('\u001b[?1007l');
    expect(out.endsWith('\u001b[?1049l')).toBe(true);
    screen.leave();
    expect(term.take()).toBe('');
    // Frames that arrive while the screen is given back are kept for when it is taken again.
    screen.inkStdout.write('kept');
    screen.flush();
    expect(term.take()).toBe('');
    screen.enter();
    screen.flush();
    expect(rowsWritten(term.take())).toEqual([[1, 'kept']]);
    screen.leave();
  });
});
