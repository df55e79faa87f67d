/**
 * Ctrl+Z in a raw-mode terminal arrives as a key, not as a signal, so the wizard stops itself the way the terminal
 * would have: it gives the terminal back (normal screen, cooked mode, cursor shown), sends SIGTSTP to its process
 * group (the shell's job: `npm start`'s npm and sh stop too), and takes the terminal again on SIGCONT (`fg`). A
 * SIGTSTP from elsewhere (`kill -TSTP`) is handled the same way for this process alone.
 */
export class JobControl {
  private installed = false;

  constructor(
    /** Gives the terminal back before stopping. */
    private readonly release: () => void,
    /** Takes it again after `fg`, and repaints. */
    private readonly restore: () => void,
  ) {}

  install(): void {
    if (this.installed || process.platform === 'win32') return;
    this.installed = true;
    process.on('SIGTSTP', this.onSignal);
  }

  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    process.off('SIGTSTP', this.onSignal);
  }

  /** Ctrl+Z was typed. */
  suspendFromKey(): void {
    if (process.platform === 'win32') return;
    this.stop(0);
  }

  private readonly onSignal = () => this.stop(process.pid);

  private stop(target: number): void {
    const reinstall = this.installed;
    this.release();
    // With no listener left, SIGTSTP has its default action again: stop.
    this.uninstall();
    let resumed = false;
    let timer: NodeJS.Timeout | undefined;
    const resume = () => {
      if (resumed) return;
      resumed = true;
      clearTimeout(timer);
      process.off('SIGCONT', resume);
      if (reinstall) this.install();
      this.restore();
    };
    process.on('SIGCONT', resume);
    try {
      process.kill(target, 'SIGTSTP');
    } catch {
      // no such group (cannot happen for our own): carry on as if resumed
    }
    // A process group with no shell to resume it (an orphaned group) ignores stop signals: take the terminal back.
    timer = setTimeout(resume, 150);
  }
}
