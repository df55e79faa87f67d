/** Facts made from what the readers found: reads grouped per variable and file, sets, dynamic reads, hand-overs. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { pushTo } from '../../collections.js';
import { isBuiltin } from './names.js';
import type { RawDynamic, RawRead } from './raw-reads.js';
import type { EnvBrowserData, EnvBrowserFact, EnvConsumedData, EnvConsumedFact, EnvDynamicReadFact, EnvDynamicSetFact, EnvExternalSourceData, EnvExternalSourceFact, EnvReadFact, EnvSetData, EnvSetFact } from './types.js';

export const TOOL_CONFIG = /(^|\/)[\w.-]+\.config\.[cm]?[jt]s$/;

export function dynamicFact(kind: 'env.dynamic' | 'env.dynamic-set', file: string, d: RawDynamic): EnvDynamicReadFact | EnvDynamicSetFact {
  const { members: _members, memberRead: _read, passedTo: _passed, ...data } = d;
  return { kind, id: `${file}:${d.line}`, data: { file, ...data }, at: [{ file, line: d.line }] } as EnvDynamicReadFact | EnvDynamicSetFact;
}

export function browserFact(d: EnvBrowserData): EnvBrowserFact {
  return { kind: 'env.browser', id: `${d.name} ${d.file}:${d.line}`, data: d, at: [{ file: d.file, line: d.line }] };
}

export function setFact(d: EnvSetData): EnvSetFact {
  return { kind: 'env.set', id: `${d.name} ${d.file}:${d.line} ${d.kind}`, data: d, at: [{ file: d.file, line: d.line }] };
}

export function consumedFact(d: EnvConsumedData): EnvConsumedFact {
  return { kind: 'env.consumed', id: `${d.name} ${d.file}:${d.line}`, data: d, at: [{ file: d.file, line: d.line }] };
}

export function externalFact(d: EnvExternalSourceData): EnvExternalSourceFact {
  return { kind: 'env.external', id: `${d.file}:${d.line} ${d.ref}`, data: d, at: [{ file: d.file, line: d.line }] };
}

export function group(index: RepoIndex, file: string, reads: RawRead[]): EnvReadFact[] {
  const byName = new Map<string, RawRead[]>();
  for (const r of reads) pushTo(byName, r.name, r);
  const pkg = index.packageOf(file)?.name ?? '';
  return [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => {
    const lines = [...new Set(list.map((r) => r.line))].sort((a, b) => a - b);
    // A validated schema says whether the variable is optional; t3-env's `runtimeEnv: { X: process.env.X }` next to it
    // only hands the value over.
    const schema = list.filter((r) => r.via === 'schema');
    const hasFallback = (schema.length ? schema : list).every((r) => r.fallback);
    // A tool's config file exports its config object, not values other modules import.
    const exportedAs = TOOL_CONFIG.test(file) ? undefined : list.find((r) => r.exportedAs)?.exportedAs;
    // Startup fails when unset if any read of the file says so (a schema key, an `invariant`), unless the schema
    // gives a default.
    const required = hasFallback ? undefined : (['schema', 'guard', 'check'] as const).find((k) => list.some((r) => r.required === k));
    const defaultAt = list.find((r) => r.defaultAt)?.defaultAt;
    const through = list.find((r) => r.through)?.through;
    const bare = hasFallback || schema.length ? undefined : Math.min(...list.filter((r) => !r.fallback).map((r) => r.line));
    return {
      kind: 'env.read',
      id: `${name} ${file}`,
      data: {
        name,
        file,
        package: pkg,
        lines,
        via: list[0].via,
        builtin: isBuiltin(name, list[0].receiver),
        hasFallback,
        ...(list.every((r) => r.shadowed) ? { shadowed: true as const } : {}),
        ...(list.every((r) => r.parsedBy) ? { parsedBy: list[0].parsedBy! } : {}),
        ...(bare !== undefined && bare !== lines[0] ? { bareAt: bare } : {}),
        ...(exportedAs ? { exportedAs } : {}),
        ...(required ? requiredFields(list.find((r) => r.required === required)!) : {}),
        ...(defaultAt ? { defaultAt: { file: defaultAt.file ?? file, line: defaultAt.line } } : {}),
        ...(through ? { through } : {}),
      },
      at: [{ file, line: lines[0] }],
    };
  });
}

export function requiredFields(r: RawRead): { required: NonNullable<RawRead['required']>; requiredAt: number; requiredBy?: string } {
  return { required: r.required!, requiredAt: r.checkedAt ?? r.line, ...(r.requiredBy ? { requiredBy: r.requiredBy } : {}) };
}
