import { describe, expect, it } from 'vitest';
import {
  otherInfraDetector, type InfraFunctionData, type InfraProjectData, type InfraRouteData,
} from '../src/detectors/other-infra/index.js';
import { FactSet, type Fact } from '../src/facts.js';
import { otherInfraPart } from '../src/steps/parts/other-infra.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const FIXTURE = 'be-serverless-ts-helpers';
const data = <T>(facts: readonly Fact[], kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data as T);

describe('a serverless.ts whose functions are spread from an imported object and whose events are built by helpers', () => {
  it('cites each function where its object writes it, and reads the events the helpers return', async () => {
    const facts = await detect(otherInfraDetector, FIXTURE);
    const fns = data<InfraFunctionData>(facts, 'infra.function');
    expect(fns.map((f) => `${f.name} ${f.file}:${f.line} ${f.handlerFile ?? '-'} ${(f.triggers ?? []).join('; ')}`)).toEqual([
      'createTask api/iac/functions.ts:6 api/src/handlers/tasks.ts httpApi POST /tasks',
      'listTasks api/iac/functions.ts:10 api/src/handlers/tasks.ts httpApi GET /tasks',
      'onSignUp api/iac/functions.ts:14 api/src/handlers/tasks.ts cognitoUserPool PreSignUp',
      // A helper from a package is not read: the trigger says what builds it instead of "—".
      'drainQueue api/iac/functions.ts:18 api/src/handlers/tasks.ts built by queueEvent(…) at api/iac/functions.ts:20',
    ]);
    // Routes are cited at the helper call, with the authorizer the spread `jwtAuth()` object names.
    expect(data<InfraRouteData>(facts, 'infra.route').map((r) => `${r.method} ${r.path} ${r.target} ${r.authorizer ?? '-'} ${r.file}:${r.line}`)).toEqual([
      'POST /tasks createTask jwtAuth api/iac/functions.ts:8',
      'GET /tasks listTasks - api/iac/functions.ts:12',
    ]);
  });

  it('writes the routes in the section and cites the service at its `service` line', async () => {
    const facts = await detect(otherInfraDetector, FIXTURE);
    expect(data<InfraProjectData>(facts, 'infra.project').map((p) => `${p.name} ${p.file}:${p.line}`)).toEqual(['tasks-api api/serverless.ts:7']);
    const md = otherInfraPart(new FactSet(facts));
    expect(missingCitations(md, await indexOf(FIXTURE))).toEqual([]);
    expect(md).toContain('`POST /tasks` | `createTask` | `/api/src/handlers/tasks.ts` | jwtAuth | `/api/iac/functions.ts:8` |');
    expect(md).not.toContain('`/api/serverless.ts:6`');
    const deploy = (await section(workflowsStep, FIXTURE)).markdown;
    expect(deploy).toContain('Serverless Framework service `/api/serverless.ts:7`');
  });
});
