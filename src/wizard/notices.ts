import type { Notice, Tone } from './ui.js';

/**
 * Things the user must not miss (a backup was made, a step was restored after a crash, accepted steps went stale):
 * shown on every screen until dismissed, and repeated in the summary when the wizard ends.
 */
export class NoticeBoard {
  private readonly notices: Notice[] = [];

  add(text: string, tone: Tone = 'info'): void {
    if (this.notices.some((n) => n.text === text)) return;
    this.notices.push({ id: this.notices.length + 1, text, tone });
  }

  all(): readonly Notice[] {
    return this.notices;
  }
}
