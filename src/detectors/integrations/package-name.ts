/** The package a module specifier belongs to: `@aws-sdk/client-s3/dist` → `@aws-sdk/client-s3`, `lodash/fp` → `lodash`. */
export function packageName(specifier: string): string {
  const parts = specifier.replace(/^node:.*/, '').split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
