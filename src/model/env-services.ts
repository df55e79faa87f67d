/**
 * Serverless services: a service's environment (a function's or `provider.environment`) reaches the code deployed
 * with that service — files under the config's folder, its handler files and what they import — not the code of
 * another service in the same repository.
 */
import path from 'node:path';
import type { InfraFunctionFact } from '../detectors/other-infra/types.js';
import type { FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { pushTo } from '../collections.js';
import { importedByLambdaCode } from './env-lambda-imports.js';

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
