/**
 * `--check --format github`: each finding as a GitHub Actions workflow command, so drift shows as an annotation on
 * the line of PROJECT-CONTEXT.md it is about (in the run's summary and on a pull request's changed files). Drift is a
 * warning, a note a notice; the last line is the same sentence the plain report ends with.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import path from 'node:path';
import { formatCheck, type CheckReport } from './check.js';

/** `file` is the output's path as the workflow sees it: relative to the working directory (the checkout). */
export function githubAnnotations(report: CheckReport, cwd = process.cwd()): string {
  const file = path.relative(cwd, report.output).split(path.sep).join('/') || path.basename(report.output);
  const lines = report.findings.map((f) => {
    const props = [`file=${property(file)}`, ...(f.line ? [`line=${f.line}`] : []), `title=${property(f.drift ? 'PROJECT-CONTEXT.md drifted' : 'PROJECT-CONTEXT.md note')}`];
    return `::${f.drift ? 'warning' : 'notice'} ${props.join(',')}::${data(f.message)}`;
  });
  const summary = formatCheck(report).split('\n').pop() ?? '';
  return [...lines, summary].join('\n');
}

/** The escapes GitHub's runner reads in a command's message. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** ... and in a property value, where `:` and `,` separate. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
