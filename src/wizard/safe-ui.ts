import { redactText, userText } from '../secrets/outbound.js';
import type { Choice, ReviewModel, WizardUI } from './ui.js';

/**
 * The screen is a sink like the output file: every string the wizard hands to the terminal UI goes through the one
 * redaction (src/secrets/outbound.ts). Sections arrive sanitised already (generated, edited or loaded), so the pass
 * over them changes nothing; it is kept so that no future caller can put raw text on the screen. Its result for the
 * last section is reused: the review screen is shown again after every key that is not a decision.
 */
export function safeUI(ui: WizardUI): WizardUI {
  let last: { readonly markdown: string; readonly safe: string } | undefined;
  const section = (markdown: string): string => {
    if (last?.markdown !== markdown) last = { markdown, safe: userText(markdown) };
    return last.safe;
  };
  const line = (text: string | undefined) => (text === undefined ? undefined : redactText(text));
  return {
    progress: (message) => ui.progress(redactText(message)),
    review: (model: ReviewModel) =>
      ui.review({ ...model, title: redactText(model.title), markdown: section(model.markdown), message: line(model.message) }),
    choose: <T extends string>(question: string, choices: readonly Choice<T>[]) =>
      ui.choose(redactText(question), choices.map((c) => ({ ...c, label: redactText(c.label), hint: line(c.hint) }))),
    suspend: () => ui.suspend(),
    close: () => ui.close(),
  };
}
