/**
 * Serverless services: a service's environment (a function's or `provider.environment`) reaches the code deployed
 * with that service — files under the config's folder, its handler files and what they import — not the code of
 * another service in the same repository. `serverless-dotenv-plugin` likewise injects the service's `.env` files
 * (gitignored as a rule) into that code only.
 */
import path from 'node:path';
import type { InfraFunctionFact, InfraProjectFact } from '../detectors/other-infra/types.js';
import type { EnvExternalSourceData } from '../detectors/env/index.js';
import type { FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { pushTo } from '../collections.js';
import { importedByLambdaCode } from './env-lambda-imports.js';
import type { SetSite } from './env-views.js';

/** A bulk source outside the repository; `service` (a Serverless config) when it reaches that service's code only. */
export interface ExternalSource extends EnvExternalSourceData {
  readonly service?: string;
}

/** What `setEvidence` calls a service's dotenv plugin: step 9 words it as "may come from" instead of "set nowhere". */
export const DOTENV_PLUGIN_WHAT = 'may be set by the .env files serverless-dotenv-plugin loads';

export class ServiceScopes {
  /** Serverless config → the handler files of its functions. */
  private readonly handlers = new Map<string, string[]>();
  /** Serverless config → handler files and the files they import (computed on first use). */
  private readonly code = new Map<string, ReadonlySet<string>>();

  constructor(facts: FactSet, private readonly index: RepoIndex) {
    for (const f of facts.of<InfraFunctionFact>('infra.function')) if (f.data.service && f.data.handlerFile) pushTo(this.handlers, f.data.service, f.data.handlerFile);
  }

  /** Does the service configured in `config` deploy `file`? A service at the repository root deploys everything. */
  serves(config: string, file: string): boolean {
    const dir = path.posix.dirname(config);
    if (dir === '.' || file.startsWith(`${dir}/`)) return true;
    let code = this.code.get(config);
    if (!code) {
      const handlers = this.handlers.get(config) ?? [];
      this.code.set(config, (code = new Set([...handlers, ...importedByLambdaCode(this.index, handlers)])));
    }
    return code.has(file);
  }
}

/**
 * Services listing `serverless-dotenv-plugin` whose folder commits no `.env` (a committed one is read as a dotenv
 * file already): cited at the plugin's line.
 */
export function dotenvPluginSources(facts: FactSet, index: RepoIndex): ExternalSource[] {
  return facts.of<InfraProjectFact>('infra.project').flatMap((f) => {
    const at = f.data.dotenvPlugin;
    if (f.data.tool !== 'serverless' || !at) return [];
    const dir = path.posix.dirname(f.data.file);
    if (index.has(dir === '.' ? '.env' : `${dir}/.env`)) return [];
    return [{ file: at.file, line: at.line, tool: 'serverless-dotenv-plugin', ref: '.env', service: f.data.file }];
  });
}

/** serverless-offline sets `IS_OFFLINE` for the code it runs, in a service that lists the plugin. */
export function serverlessOfflineSets(facts: FactSet): (name: string, file: string) => boolean {
  const dirs = facts
    .of<InfraProjectFact>('infra.project')
    .filter((p) => p.data.tool === 'serverless' && p.data.plugins?.includes('serverless-offline'))
    .map((p) => (p.data.file.includes('/') ? p.data.file.slice(0, p.data.file.lastIndexOf('/') + 1) : ''));
  return (name, file) => name === 'IS_OFFLINE' && dirs.some((d) => file.startsWith(d));
}

/**
 * A service's `provider.environment` with no function read (functions built by code, or none yet): the set is still
 * the service's. With functions, each function's set already cites the same line (the caller skips those).
 */
export function providerEnvironmentSets(facts: FactSet, toolNames: Readonly<Record<string, string>>): { name: string; set: SetSite }[] {
  return facts.of<InfraProjectFact>('infra.project').flatMap((f) =>
    (f.data.environmentAt ?? []).map((e) => ({
      name: e.name,
      set: { kind: 'function' as const, tool: toolNames[f.data.tool] ?? f.data.tool, at: { file: e.file, line: e.line }, owner: 'provider.environment', ...(f.data.tool === 'serverless' ? { service: f.data.file } : {}) },
    })),
  );
}

/** `environment: ${file(env.js)}`: the names come from that file, which is code and never run. */
export function includedEnvironments(facts: FactSet): { file: string; line: number; expression: string; test: boolean }[] {
  return facts.of<InfraProjectFact>('infra.project').flatMap((f) =>
    (f.data.unread ?? []).filter((u) => u.key === 'environment').map((u) => ({ file: u.from, line: u.line, expression: `environment from ${u.file} (not read)`, test: false })),
  );
}
