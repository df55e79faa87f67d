import { render, type Instance } from 'ink';
import { useSyncExternalStore } from 'react';
import type { Choice, ReviewAction, ReviewModel, WizardUI } from '../wizard/ui.js';
import { ChoiceScreen } from './ChoiceScreen.js';
import { ProgressScreen } from './ProgressScreen.js';
import type { ReviewScreen as ReviewScreenComponent } from './review/ReviewScreen.js';

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

/** A little more than one frame at Ink's default 30 fps. */
const FRAME_MS = 40;

type Screen =
  | { readonly kind: 'blank' }
  | { readonly kind: 'progress'; readonly title: string; readonly message: string }
  | { readonly kind: 'review'; readonly id: number; readonly model: ReviewModel; readonly resolve: (a: ReviewAction) => void }
  | {
      readonly kind: 'choice';
      readonly question: string;
      readonly choices: readonly Choice<string>[];
      readonly resolve: (v: string) => void;
    };

class ScreenStore {
  private screen: Screen = { kind: 'progress', title: 'project-context', message: 'Starting' };
  private readonly listeners = new Set<() => void>();
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly get = () => this.screen;
  set(screen: Screen): void {
    this.screen = screen;
    for (const l of this.listeners) l();
  }
}

function Root({ store, onInterrupt }: { store: ScreenStore; onInterrupt: () => void }) {
  const screen = useSyncExternalStore(store.subscribe, store.get);
  switch (screen.kind) {
    case 'blank':
      return null;
    case 'progress':
      return <ProgressScreen title={screen.title} message={screen.message} onInterrupt={onInterrupt} />;
    case 'review':
      return ReviewScreen ? <ReviewScreen key={screen.id} model={screen.model} onAction={screen.resolve} /> : null;
    case 'choice':
      return <ChoiceScreen question={screen.question} choices={screen.choices} onChoose={screen.resolve} />;
  }
}

/** The wizard's terminal UI: one Ink app whose screen the wizard switches; unmounted while an editor runs. */
export class InkWizardUI implements WizardUI {
  private instance: Instance | undefined;
  private readonly store = new ScreenStore();
  /** Each review gets a fresh screen (scroll position, help) even when the same step is shown again. */
  private reviews = 0;

  constructor(
    private readonly title: string,
    /** Ink holds the terminal in raw mode, so Ctrl+C arrives as a key; it is turned into the usual SIGINT path. */
    private readonly onInterrupt: () => void = () => process.kill(process.pid, 'SIGINT'),
  ) {}

  progress(message: string): void {
    this.store.set({ kind: 'progress', title: this.title, message });
    this.mount();
    void loadReviewScreen();
  }

  async review(model: ReviewModel): Promise<ReviewAction> {
    this.reviews += 1;
    const id = this.reviews;
    await loadReviewScreen();
    return new Promise((resolve) => {
      let done = false;
      this.store.set({
        kind: 'review',
        id,
        model,
        resolve: (action) => {
          if (done) return;
          done = true;
          resolve(action);
        },
      });
      this.mount();
    });
  }

  choose<T extends string>(question: string, choices: readonly Choice<T>[]): Promise<T | 'interrupt'> {
    return new Promise((resolve) => {
      let done = false;
      this.store.set({
        kind: 'choice',
        question,
        choices,
        resolve: (value) => {
          if (done) return;
          done = true;
          resolve(value as T | 'interrupt');
        },
      });
      this.mount();
    });
  }

  async suspend(): Promise<void> {
    const instance = this.instance;
    if (!instance) return;
    this.instance = undefined;
    // Render an empty frame first: unmount flushes any throttled render, which would otherwise paint the last screen
    // back after clear() and leave the next line of output glued to the key bar.
    this.store.set({ kind: 'blank' });
    await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
    instance.clear();
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }

  close(): Promise<void> {
    return this.suspend();
  }

  private mount(): void {
    if (this.instance) return;
    this.instance = render(<Root store={this.store} onInterrupt={this.onInterrupt} />, {
      exitOnCtrlC: false,
      patchConsole: false,
    });
  }
}
