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
