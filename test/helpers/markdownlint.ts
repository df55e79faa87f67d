import type { Configuration } from 'markdownlint';

/** The markdownlint rules PROJECT-CONTEXT.md is held to; the README's "The output file" names the same three. */
export const MARKDOWNLINT_CONFIG: Configuration = {
  default: true,
  MD013: false, // line length: tables and citations are as long as they need to be
  MD033: false, // inline HTML: none is written, but a user's own notes around the sections may have some
  MD024: { siblings_only: true }, // `#### Entry points` once per package
};
