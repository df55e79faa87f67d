/** Which variables a frontend framework exposes to browser code. The reads themselves are in `src/model/env.ts`. */

/** Which prefix exposes a variable to browser code, per framework. */
export function publicPrefix(framework: string, buildTool?: string): string | undefined {
  if (framework === 'next') return 'NEXT_PUBLIC_';
  if (framework === 'astro') return 'PUBLIC_';
  if (framework === 'expo') return 'EXPO_PUBLIC_';
  if (buildTool === 'react-scripts') return 'REACT_APP_';
  // Vue CLI (webpack) inlines `VUE_APP_*` (and `NODE_ENV`, `BASE_URL`); only its Vite successor uses `VITE_`.
  if (buildTool === '@vue/cli-service') return 'VUE_APP_';
  if (buildTool === 'vite' || framework === 'remix' || framework === 'vue' || framework === 'svelte' || framework === 'sveltekit') return 'VITE_';
  return undefined;
}
