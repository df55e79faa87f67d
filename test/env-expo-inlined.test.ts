/**
 * babel-preset-expo replaces `process.env.EXPO_OS` with the target platform at build time (and `EXPO_BASE_URL`; with
 * expo-router, `EXPO_ROUTER_APP_ROOT` and its kin). A hand check found `EXPO_OS` "Inlined by name: no" in step 5 and
 * "Set in: —" in step 8, as if the project had to set it.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

const app = (dependencies: Record<string, string>) =>
  tempRepo({
    'mobile/package.json': JSON.stringify({ name: 'mobile', private: true, main: 'expo-router/entry', scripts: { start: 'expo start' }, dependencies }),
    'mobile/app/_layout.tsx': "import { Stack } from 'expo-router';\nexport default function Layout() { return <Stack />; }\n",
    'mobile/app/index.tsx': "import { Text } from 'react-native';\nimport { tabBarHeight } from '../src/haptic';\nexport default function Home() { return <Text>{tabBarHeight}</Text>; }\n",
    'mobile/src/haptic.ts': "export const tabBarHeight = process.env.EXPO_OS === 'ios' ? 80 : 60;\nexport const root = process.env.EXPO_ROUTER_APP_ROOT;\nexport const api = process.env.EXPO_PUBLIC_API_URL;\n",
  });

describe('an Expo app', () => {
  it('gets EXPO_OS and the router variables from babel-preset-expo', async () => {
    const env = (await modelOf(app({ expo: '~54.0.0', 'expo-router': '~6.0.0', 'react-native': '0.81.5' }))).env();
    expect(env.get('EXPO_OS')?.runtime?.label).toMatch(/^Expo \(babel-preset-expo/);
    expect(env.get('EXPO_ROUTER_APP_ROOT')?.runtime?.label).toMatch(/^Expo \(babel-preset-expo/);
    expect(env.get('EXPO_PUBLIC_API_URL')?.runtime).toBeUndefined();
  });

  it('does not list EXPO_OS as a project variable in steps 5 and 8', async () => {
    const root = app({ expo: '~54.0.0', 'expo-router': '~6.0.0', 'react-native': '0.81.5' });
    const step5 = (await section(frontendStep, root)).markdown;
    expect(step5).not.toMatch(/\| `EXPO_OS` \| no/);
    expect(step5).toMatch(/Provided by the runtime or framework, read here: [^\n]*`EXPO_OS`/);
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).not.toMatch(/\| `EXPO_OS` \|[^\n]*\| — \| — \|/);
    expect(step8).toMatch(/`EXPO_OS`[^\n]*babel-preset-expo/);
  });

  it('leaves the names to the project without Expo, and the router ones without expo-router', async () => {
    const env = (await modelOf(app({ expo: '~54.0.0', 'react-native': '0.81.5' }))).env();
    expect(env.get('EXPO_OS')?.runtime).toBeDefined();
    expect(env.get('EXPO_ROUTER_APP_ROOT')?.runtime).toBeUndefined();
    const plain = (await modelOf(app({ 'react-native': '0.81.5' }))).env();
    expect(plain.get('EXPO_OS')?.runtime).toBeUndefined();
  });
});
