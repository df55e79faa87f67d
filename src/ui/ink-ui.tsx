import { render, useInput, type Instance } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import type { Choice, ReviewAction, ReviewModel, SessionView, Tone, WizardUI } from '../wizard/ui.js';
import { ChoiceScreen } from './ChoiceScreen.js';
import { ProgressScreen } from './ProgressScreen.js';
import type { ReviewScreen as ReviewScreenComponent } from './review/ReviewScreen.js';
import { FullScreen, type TerminalOutput } from './terminal/full-screen.js';
import { JobControl } from './terminal/job-control.js';

/**
 * The review screen and the markdown renderer behind it (marked, marked-terminal, highlight.js) load after the first
 * frame: the progress screen shows sooner, and the module is ready well before the first section is.
 */
let ReviewScreen: typeof ReviewScreenComponent | undefined;
let loadingReview: Promise<void> | undefined;
function loadReviewScreen(): Promise<void> {
  loadingReview ??= import('./review/ReviewScreen.js').then((m) => {
    ReviewScreen = m.ReviewScreen;
  });
  return loadingReview;
}

type Screen =
  | { readonly kind: 'progress'; readonly title: string; readonly message: string }
  | { readonly kind: 'review'; readonly id: number; readonly model: ReviewModel; readonly resolve: (a: ReviewAction) => void }
  | {
      readonly kind: 'choice';
      readonly id: number;
      readonly question: string;
      readonly choices: readonly Choice<string>[];
      readonly resolve: (v: string) => void;
    };

interface Snapshot {
  readonly screen: Screen;
  readonly view?: SessionView;
  readonly confirmation?: { readonly text: string; readonly tone: Tone };
  readonly dismissed: ReadonlySet<number>;
}

class ScreenStore {
  private snapshot: Snapshot = { screen: { kind: 'progress', title: 'project-context', message: 'Starting' }, dismissed: new Set() };
  private readonly listeners = new Set<() => void>();
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly get = () => this.snapshot;
  set(patch: Partial<Snapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
  readonly dismiss = (ids: readonly number[]) => this.set({ dismissed: new Set([...this.snapshot.dismissed, ...ids]) });
}

function Root({ store, onInterrupt, onSuspend }: { store: ScreenStore; onInterrupt: () => void; onSuspend: () => void }) {
  const { screen, view, confirmation, dismissed } = useSyncExternalStore(store.subscribe, store.get);
  // Raw mode turns Ctrl+Z into a key; the shell's job control is honoured by hand.
  useInput((input, key) => {
    if (key.ctrl && input === 'z') onSuspend();
  });
  // A prompt that ran before (the resume question) leaves stdin paused; Ink's listener alone does not restart the
  // reading, and with nothing read the process would simply end. Runs after useInput attached that listener.
  useEffect(() => {
    if (process.stdin.isTTY && process.stdin.isPaused()) process.stdin.resume();
  }, []);
  switch (screen.kind) {
    case 'progress':
      return <ProgressScreen title={screen.title} message={screen.message} confirmation={confirmation} view={view} dismissed={dismissed} onInterrupt={onInterrupt} />;
    case 'review':
      return ReviewScreen ? (
        <ReviewScreen key={screen.id} model={screen.model} view={view} dismissed={dismissed} onDismiss={store.dismiss} onAction={screen.resolve} />
      ) : null;
    case 'choice':
      return <ChoiceScreen key={screen.id} question={screen.question} choices={screen.choices} onChoose={screen.resolve} view={view} />;
  }
}

/**
 * The wizard's terminal UI: one Ink app on the alternate screen whose content the wizard switches; the terminal is
 * given back (normal screen, cooked mode) while an editor runs, on Ctrl+Z, and on every way out.
 */
export class InkWizardUI implements WizardUI {
  private instance: Instance | undefined;
  private readonly store = new ScreenStore();
  private readonly screen: FullScreen;
  private readonly jobs: JobControl;
  /** Each review and question gets a fresh screen (scroll position, help) even when the same step is shown again. */
  private shown = 0;

  constructor(
    private readonly title: string,
    /** Ink holds the terminal in raw mode, so Ctrl+C arrives as a key; it is turned into the usual SIGINT path. */
    private readonly onInterrupt: () => void = () => process.kill(process.pid, 'SIGINT'),
    out: TerminalOutput = process.stdout,
  ) {
    this.screen = new FullScreen(out);
    this.jobs = new JobControl(
      () => {
        this.screen.leave();
        setRawMode(false);
      },
      () => {
        setRawMode(true);
        this.screen.enter();
      },
    );
  }

  progress(message: string, title = this.title): void {
    this.store.set({ screen: { kind: 'progress', title, message } });
    this.mount();
    void loadReviewScreen();
  }

  setView(view: SessionView): void {
    this.store.set({ view });
  }

  confirm(text: string, tone: Tone = 'success'): void {
    this.store.set({ confirmation: { text, tone } });
  }

  async review(model: ReviewModel): Promise<ReviewAction> {
    const id = ++this.shown;
    await loadReviewScreen();
    // Laying out thousands of lines takes a moment: the screen says so first, rather than leaving the last one up.
    const lines = countLines(model.markdown);
    if (lines > LONG_SECTION_LINES && this.instance) {
      this.progress(`Laying out the section (${lines.toLocaleString('en-US')} lines)`, `Step ${model.step} — ${model.title}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new Promise((resolve) => {
      let done = false;
      this.store.set({
        screen: {
          kind: 'review',
          id,
          model,
          resolve: (action) => {
            if (done) return;
            done = true;
            resolve(action);
          },
        },
      });
      this.mount();
    });
  }

  choose<T extends string>(question: string, choices: readonly Choice<T>[]): Promise<T | 'interrupt'> {
    const id = ++this.shown;
    return new Promise((resolve) => {
      let done = false;
      this.store.set({
        screen: {
          kind: 'choice',
          id,
          question,
          choices,
          resolve: (value) => {
            if (done) return;
            done = true;
            resolve(value as T | 'interrupt');
          },
        },
      });
      this.mount();
    });
  }

  async suspend(): Promise<void> {
    const instance = this.instance;
    this.instance = undefined;
    this.jobs.uninstall();
    // The alternate screen is simply left: the user's own screen comes back as it was, with nothing to erase.
    this.screen.leave();
    if (!instance) return;
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }

  close(): Promise<void> {
    return this.suspend();
  }

  private mount(): void {
    if (this.instance) return;
    this.screen.enter();
    this.jobs.install();
    // Debug mode: Ink hands every frame over whole, and FullScreen repaints only the rows that changed.
    this.instance = render(<Root store={this.store} onInterrupt={this.onInterrupt} onSuspend={() => this.jobs.suspendFromKey()} />, {
      stdout: this.screen.inkStdout as unknown as NodeJS.WriteStream,
      stdin: process.stdin,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
  }
}

/** Sections longer than this take long enough to lay out that the screen first says it is coming. */
const LONG_SECTION_LINES = 600;

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function setRawMode(on: boolean): void {
  if (process.stdin.isTTY) process.stdin.setRawMode(on);
}
