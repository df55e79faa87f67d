import type { PackageManagerData } from '../../detectors/scripts/index.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';

/**
 * ` — out of date: …`, when the lockfile does not record what a package.json declares (the install command is then
 * the plain one: a frozen install stops with ERR_PNPM_OUTDATED_LOCKFILE); '' otherwise.
 */
export function lockfileDriftNote(pm: PackageManagerData): string {
  const d = pm.lockfileDrift;
  if (!d) return '';
  const more = d.count > 1 ? ` (${d.count} declarations it does not record in all)` : '';
  return ` — out of date: ${cite(d.manifest)} declares ${code(d.name)} ${code(d.declared)}, which it does not record${more}, so \`--frozen-lockfile\` would stop; the install updates it`;
}
