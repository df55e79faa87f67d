import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const chain = (list: readonly HttpRouteData[], method: string, path: string) =>
  (list.find((r) => r.method === method && r.path === path)?.middlewareUses ?? []).map((m) => `${m.name}:${m.kind}`);

// @nestjs/throttler's global guard lets a route through when `@SkipThrottle()` is on its method or class; `@Throttle(…)`
// changes its limit there. Both show on the route, and a skipped route is not counted as passing the guard.
describe('NestJS throttler overrides', () => {
  it('drops ThrottlerGuard where @SkipThrottle() applies and shows @Throttle(…)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/core': '^11.0.0', '@nestjs/common': '^11.0.0', '@nestjs/throttler': '^6.0.0' } }),
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';\nimport { HealthController } from './health.controller';\nimport { AuthController } from './auth.controller';\n@Module({\n  imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 100 }])],\n  controllers: [HealthController, AuthController],\n  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],\n})\nexport class AppModule {}\n",
      'src/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\nimport { SkipThrottle } from '@nestjs/throttler';\n@SkipThrottle()\n@Controller('health')\nexport class HealthController {\n  @Get()\n  check() { return 'ok'; }\n  @SkipThrottle({ default: false })\n  @Get('deep')\n  deep() { return 'ok'; }\n}\n",
      'src/auth.controller.ts': "import { Controller, Post, Get } from '@nestjs/common';\nimport { Throttle } from '@nestjs/throttler';\n@Controller('auth')\nexport class AuthController {\n  @Throttle({ default: { limit: 10, ttl: 60000 } })\n  @Post('login')\n  login() { return 1; }\n  @Get('me')\n  me() { return 2; }\n}\n",
    });
    const list = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(chain(list, 'GET', '/health')).toEqual(['@SkipThrottle():decorator']);
    // The method's `{ default: false }` undoes the class's skip.
    expect(chain(list, 'GET', '/health/deep')).toEqual(['ThrottlerGuard:global', '@SkipThrottle():decorator', '@SkipThrottle(…):decorator']);
    expect(chain(list, 'POST', '/auth/login')).toEqual(['ThrottlerGuard:global', '@Throttle(…):decorator']);
    expect(chain(list, 'GET', '/auth/me')).toEqual(['ThrottlerGuard:global']);
  });
});
