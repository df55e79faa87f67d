import { plain } from '../markdown/text.js';
import { redactText, userText } from '../secrets/outbound.js';
import type { Choice, ReviewModel, SessionView, WizardUI } from './ui.js';

/**
 * The screen is a sink like the output file: every string the wizard hands to the terminal UI goes through the one
 * redaction (src/secrets/outbound.ts). Sections arrive sanitised already (generated, edited or loaded), so the pass
 * over them changes nothing; it is kept so that no future caller can put raw text on the screen. Its result for the
 * last section is reused: the review screen is shown again after every key that is not a decision.
 */
export function safeUI(ui: WizardUI): WizardUI {
  // The section on screen and the text it is compared with (`d`): each redacted once, not on every key.
  const memo = () => {
    let last: { readonly markdown: string; readonly safe: string } | undefined;
    return (markdown: string): string => {
      if (last?.markdown !== markdown) last = { markdown, safe: userText(markdown) };
      return last.safe;
    };
  };
  const section = memo();
  const previous = memo();
  const line = (text: string | undefined) => (text === undefined ? undefined : redactText(text));
  return {
    progress: (message, title) => ui.progress(redactText(message), line(title)),
    // The output path is the user's own choice: only made printable, never judged as a secret.
    setView: (view: SessionView) =>
      ui.setView({
        steps: view.steps.map((s) => ({ ...s, title: redactText(s.title) })),
        output: plain(view.output),
        notices: view.notices.map((n) => ({ ...n, text: redactText(n.text) })),
      }),
    confirm: (message, tone) => ui.confirm(redactText(message), tone),
    review: (model: ReviewModel) =>
      ui.review({
        ...model,
        title: redactText(model.title),
        markdown: section(model.markdown),
        message: line(model.message),
        previous: model.previous && { label: redactText(model.previous.label), markdown: previous(model.previous.markdown) },
      }),
    choose: <T extends string>(question: string, choices: readonly Choice<T>[]) =>
      ui.choose(redactText(question), choices.map((c) => ({ ...c, label: redactText(c.label), hint: line(c.hint) }))),
    suspend: () => ui.suspend(),
    close: () => ui.close(),
  };
}
