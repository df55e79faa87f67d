/**
 * Hand-check round 17 (tux86/nestjs-serverless-boilerplate): `super(message, 'E02000', HttpStatus.NOT_FOUND, orgId)`
 * in a class whose base has no constructor of its own lines up with the constructor the base inherits.
 */
import { describe, expect, it } from 'vitest';
import { backendCodeDetector } from '../src/detectors/backend-code/index.js';
import type { ErrorClassData } from '../src/detectors/backend-code/types.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('error classes whose base inherits its constructor', () => {
  it('reads status and code from super() by the parameters of the nearest constructor up the hierarchy', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0' } }),
      'src/shared/exceptions.ts': [
        "import { HttpStatus } from '@nestjs/common';",
        'export abstract class ExceptionsAbstract extends Error {',
        '  protected constructor(message: string, errorCode: string, statusCode: HttpStatus, ...args: any) {',
        '    super(message);',
        '  }',
        '}',
        'export abstract class BusinessLogicException extends ExceptionsAbstract {}',
        'export abstract class AbstractResourceException extends BusinessLogicException {',
        '  protected constructor(errorCode: string, httpStatus: HttpStatus, suffix: string) {',
        "    super('%s', errorCode, httpStatus, suffix);",
        '  }',
        '}',
        'export class InternalServerErrorException extends ExceptionsAbstract {',
        "  constructor(message = 'Internal Server Error') {",
        "    super(message, 'E00000', HttpStatus.INTERNAL_SERVER_ERROR);",
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/core/organization-not-found.exception.ts': [
        "import { HttpStatus } from '@nestjs/common';",
        "import { BusinessLogicException } from '../shared/exceptions';",
        'export class OrganizationNotFoundException extends BusinessLogicException {',
        '  constructor(orgId: string, message?: string) {',
        "    message = 'organization (%s) not found';",
        "    super(message, 'E02000', HttpStatus.NOT_FOUND, orgId);",
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const classes = (await detect(backendCodeDetector, root)).filter((f) => f.kind === 'backend.error-class').map((f) => f.data as ErrorClassData);
    const of = (name: string) => classes.find((c) => c.name === name);
    expect([of('OrganizationNotFoundException')?.statusCode, of('OrganizationNotFoundException')?.code]).toEqual(['HttpStatus.NOT_FOUND', "'E02000'"]);
    // Handed on from its own parameters: no value of its own, not the parameter names.
    expect([of('AbstractResourceException')?.statusCode, of('AbstractResourceException')?.code]).toEqual([undefined, undefined]);
    expect([of('InternalServerErrorException')?.statusCode, of('InternalServerErrorException')?.code]).toEqual(['HttpStatus.INTERNAL_SERVER_ERROR', "'E00000'"]);
  });
});
