import { unifiedDiff } from '../../diff/line-diff.js';
import { STEP_COUNT } from '../../steps/titles.js';
import type { Choice, ReviewAction, ReviewModel, SessionView, StepMark, WizardUI } from '../../wizard/ui.js';
import { markdownRows } from '../markdown-rows.js';
import { LineInput } from './line-input.js';

const MARKS: Record<StepMark, string> = { done: '✓', skipped: '–', current: '▸', pending: '·', stale: '!' };
const KEYS: Record<string, ReviewAction> = { a: 'accept', e: 'edit', r: 'regenerate', s: 'skip', u: 'undo', q: 'quit' };
/** An answer must come after its question was printed, by at least this much: typed-ahead lines decide nothing. */
const GUARD_MS = 300;

/**
 * The wizard on a terminal without cursor control (TERM=dumb: Emacs' shell, some CI consoles, a serial line): plain
 * lines only, no escape sequences. Each section is printed whole (the terminal's own scrolling shows it), and each
 * decision is a letter and Enter.
 */
export class LineUI implements WizardUI {
  private readonly input = new LineInput();
  private lastTitle = '';
  private lastMessage = '';
  private view: SessionView | undefined;
  private readonly told = new Set<number>();

  constructor(
    private readonly write: (text: string) => void = (t) => process.stdout.write(t),
    private readonly width = Math.max(40, Math.min(process.stdout.columns || 80, 100)),
  ) {}

  progress(message: string, title = 'Reading the repository'): void {
    if (title !== this.lastTitle) {
      this.lastTitle = title;
      this.lastMessage = '';
      this.line(`${title}…`);
    }
    if (message !== this.lastMessage) {
      this.lastMessage = message;
      this.line(`  ${message}`);
    }
  }

  setView(view: SessionView): void {
    this.view = view;
  }

  confirm(message: string): void {
    this.line(message);
  }

  async review(model: ReviewModel): Promise<ReviewAction> {
    this.lastTitle = '';
    this.line('');
    this.line('='.repeat(Math.min(this.width, 72)));
    this.line(`Step ${model.step} of ${STEP_COUNT} — ${model.title}${model.edited ? ' (edited)' : ''}`);
    this.printRail();
    this.line('-'.repeat(Math.min(this.width, 72)));
    for (const row of markdownRows(model.markdown, this.width, false)) this.line(row);
    this.line('-'.repeat(Math.min(this.width, 72)));
    if (model.message) this.line(model.message);
    const keys = `a accept, e edit, r regenerate, s skip${model.canUndo ? ', u undo' : ''}${model.previous ? ', d changes' : ''}, q quit`;
    for (;;) {
      const answer = await this.ask(`${keys}? `);
      if (answer === undefined) return 'quit';
      const key = answer.text.toLowerCase();
      if (key === 'd' && model.previous) {
        this.write(unifiedDiff(model.previous.markdown, model.markdown, { before: model.previous.label, after: 'this section' }) || 'No changes.\n');
        continue;
      }
      if (key === '?' || key === 'h') {
        this.line('a accept and write it · e edit in your editor · r regenerate from the code · s skip · u undo the last accept or skip · d show the changes · q save and quit');
        continue;
      }
      const action = KEYS[key];
      if (!action) {
        this.line(key === '' ? 'Type a letter, then Enter (a accepts).' : `"${answer.text}" is not one of the keys.`);
        continue;
      }
      if (action === 'undo' && !model.canUndo) {
        this.line('Nothing to undo yet.');
        continue;
      }
      if (action !== 'quit' && answer.early) {
        this.line(`Ignored "${answer.text}": it was typed before the section was shown. Type it again to decide.`);
        continue;
      }
      return action;
    }
  }

  async choose<T extends string>(question: string, choices: readonly Choice<T>[]): Promise<T | 'interrupt'> {
    this.line(question);
    choices.forEach((c, i) => this.line(`  ${i + 1}. ${c.label}${c.hint ? ` — ${c.hint}` : ''}`));
    for (;;) {
      const answer = await this.ask(`Number (Enter for 1)? `);
      if (answer === undefined) return 'interrupt';
      if (answer.early) continue;
      if (answer.text === '') return choices[0].value;
      const n = Number(answer.text);
      if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1].value;
      this.line(`Type a number from 1 to ${choices.length}.`);
    }
  }

  async suspend(): Promise<void> {
    this.input.pause();
  }

  async close(): Promise<void> {
    this.input.close();
  }

  private printRail(): void {
    const view = this.view;
    if (!view) return;
    this.line(`${view.steps.map((s) => `${MARKS[s.mark]}${s.number}`).join(' ')}  → ${view.output}`);
    for (const n of view.notices) {
      if (this.told.has(n.id)) continue;
      this.told.add(n.id);
      this.line(`! ${n.text}`);
    }
  }

  private async ask(prompt: string): Promise<{ text: string; early: boolean } | undefined> {
    this.input.resume();
    this.write(prompt);
    const askedAt = Date.now();
    const line = await this.input.next();
    if (!line) return undefined;
    return { text: line.text, early: line.at - askedAt < GUARD_MS };
  }

  private line(text: string): void {
    this.write(`${text}\n`);
  }
}

