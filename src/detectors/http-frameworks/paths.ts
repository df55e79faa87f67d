/** URL path composition for mounted routers: `joinPaths('/api/', 'users', '/:id')` → `/api/users/:id`. */
export function joinPaths(...parts: readonly string[]): string {
  const segments = parts.flatMap((p) => p.split('/')).filter((s) => s !== '');
  return `/${segments.join('/')}`;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all'] as const;

export function normaliseMethod(method: string): string {
  const m = method.toUpperCase();
  if (m === 'DEL') return 'DELETE';
  if (m === '*' || m === 'ANY') return 'ALL';
  return m;
}

/** `@fastify/jwt/lib` → `@fastify/jwt`; `express` → `express`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
