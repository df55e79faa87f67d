/** Hand-check round 22 (nnsi/hono-practice): eas.json build profiles set variables (`build.e2e.env`), with file:line. */
import { describe, expect, it } from 'vitest';
import { PLATFORM_FILE, platformEnv } from '../src/detectors/env/sets-platform.js';

const EAS = [
  '{',
  '  "cli": { "version": ">= 5.0.0" },',
  '  "build": {',
  '    "development": { "developmentClient": true },',
  '    "e2e-local-android": {',
  '      "env": {',
  '        "ANDROID_USES_CLEARTEXT_TRAFFIC": "true",',
  '        "EXPO_PUBLIC_E2E_MODE": "1"',
  '      }',
  '    }',
  '  },',
  '  "submit": { "production": { "env": { "SUBMIT_TOKEN_NAME": "x" } } }',
  '}',
].join('\n');

describe('Expo eas.json profiles', () => {
  it('reads build.<profile>.env and submit.<profile>.env keys as sets, at their own lines', () => {
    expect(PLATFORM_FILE.test('apps/mobile/eas.json')).toBe(true);
    expect(platformEnv('apps/mobile/eas.json', EAS).map((s) => [s.name, s.line, s.tool, s.owner])).toEqual([
      ['ANDROID_USES_CLEARTEXT_TRAFFIC', 7, 'EAS Build', 'e2e-local-android'],
      ['EXPO_PUBLIC_E2E_MODE', 8, 'EAS Build', 'e2e-local-android'],
      ['SUBMIT_TOKEN_NAME', 12, 'EAS Submit', 'production'],
    ]);
  });
});
