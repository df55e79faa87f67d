// Templates for the full-stack synthetic repository (see generateFullStack in generate.mjs): a Next.js app (App
// Router pages and layouts, route handlers, server actions, middleware, a NextAuth session, client stores) and an
// Express API (routers, controllers, JWT middleware, an error handler, Postgres queries), next to the CDK apps and
// Lambda services of the other synthetic repositories.
import { json, packageJson, pascal } from './util.mjs';

export function nextFiles(ctx) {
  const routes = ctx.words.slice(ctx.index % 8, (ctx.index % 8) + 8);
  const components = Array.from({ length: 12 }, (_, i) => `${pascal(ctx.words[(ctx.index + i * 3) % ctx.words.length])}${['Panel', 'Table', 'Form', 'Badge'][i % 4]}${i}`);
  const files = [
    ['package.json', packageJson(ctx, {
      scripts: { dev: 'next dev', build: 'next build', start: 'next start', lint: 'next lint', test: 'vitest run' },
      dependencies: { next: '^14.2.13', react: '^18.3.1', 'react-dom': '^18.3.1', 'next-auth': '^4.24.7', zustand: '^4.5.5', '@tanstack/react-query': '^5.56.0', zod: '^3.23.0' },
      devDependencies: { typescript: '^5.6.2', vitest: '^2.1.1', '@testing-library/react': '^16.0.1' },
    })],
    ['tsconfig.json', json({ extends: '../../tsconfig.base.json', compilerOptions: { jsx: 'preserve', paths: { '@/*': ['./*'] } }, include: ['**/*.ts', '**/*.tsx'] })],
    ['next.config.js', `/** @type {import('next').NextConfig} */\nmodule.exports = {\n  reactStrictMode: true,\n  env: { NEXT_PUBLIC_APP_NAME: '${ctx.name}' },\n  images: { remotePatterns: [{ hostname: 'images.example.com' }] },\n};\n`],
    ['.env.example', 'NEXTAUTH_URL=http://localhost:3000\nNEXTAUTH_SECRET=\nNEXT_PUBLIC_API_URL=http://localhost:4000\nDATABASE_URL=\n'],
    ['middleware.ts', `import { NextResponse, type NextRequest } from 'next/server';

export function middleware(request: NextRequest) {
  if (!request.cookies.get('next-auth.session-token')) return NextResponse.redirect(new URL('/login', request.url));
  return NextResponse.next();
}

export const config = { matcher: ['/dashboard/:path*', '/api/${routes[0]}/:path*'] };
`],
    ['app/layout.tsx', `import type { ReactNode } from 'react';
import { Providers } from './providers';
import './globals.css';

export const metadata = { title: '${ctx.name}' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
`],
    ['app/providers.tsx', `'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider } from 'next-auth/react';
import { useState, type ReactNode } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient());
  return (
    <SessionProvider>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </SessionProvider>
  );
}
`],
    ['app/globals.css', 'body { margin: 0; font-family: system-ui, sans-serif; }\n.panel { border: 1px solid #ddd; padding: 16px; }\n'],
    ['app/page.tsx', `import Link from 'next/link';\n\nexport default function Home() {\n  return (\n    <main>\n${routes.map((r) => `      <Link href="/dashboard/${r}">${pascal(r)}</Link>`).join('\n')}\n    </main>\n  );\n}\n`],
    ['app/login/page.tsx', `'use client';\nimport { signIn } from 'next-auth/react';\n\nexport default function LoginPage() {\n  return <button onClick={() => signIn('github')}>Sign in</button>;\n}\n`],
    ['app/api/auth/[...nextauth]/route.ts', `import NextAuth from 'next-auth';
import GitHub from 'next-auth/providers/github';

const handler = NextAuth({
  providers: [GitHub({ clientId: process.env.GITHUB_ID ?? '', clientSecret: process.env.GITHUB_SECRET ?? '' })],
  secret: process.env.NEXTAUTH_SECRET,
});

export { handler as GET, handler as POST };
`],
    ['lib/api.ts', `const API_URL = process.env.NEXT_PUBLIC_API_URL ?? 'http://localhost:4000';

export async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(\`\${API_URL}\${path}\`, { cache: 'no-store' });
  if (!response.ok) throw new Error(\`GET \${path}: \${response.status}\`);
  return (await response.json()) as T;
}

export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(\`\${API_URL}\${path}\`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(\`POST \${path}: \${response.status}\`);
  return (await response.json()) as T;
}
`],
    ['lib/store.ts', `import { create } from 'zustand';

interface UiState {
  sidebarOpen: boolean;
  selected: string | null;
  toggle(): void;
  select(id: string | null): void;
}

export const useUiStore = create<UiState>((set) => ({
  sidebarOpen: true,
  selected: null,
  toggle: () => set((s) => ({ sidebarOpen: !s.sidebarOpen })),
  select: (id) => set({ selected: id }),
}));
`],
  ];
  for (const r of routes) {
    const R = pascal(r);
    files.push([`app/dashboard/${r}/page.tsx`, `import { ${R}Table } from '@/components/${R}Table';
import { apiGet } from '@/lib/api';

export const dynamic = 'force-dynamic';

export default async function ${R}Page() {
  const items = await apiGet<{ id: string; name: string }[]>('/${r}');
  return (
    <section>
      <h1>${R}</h1>
      <${R}Table items={items} />
    </section>
  );
}
`]);
    files.push([`app/dashboard/${r}/[id]/page.tsx`, `import { notFound } from 'next/navigation';
import { apiGet } from '@/lib/api';
import { update${R} } from '../actions';

export default async function ${R}Detail({ params }: { params: { id: string } }) {
  const item = await apiGet<{ id: string; name: string } | null>(\`/${r}/\${params.id}\`);
  if (!item) notFound();
  return (
    <form action={update${R}}>
      <input type="hidden" name="id" value={item.id} />
      <input name="name" defaultValue={item.name} />
      <button type="submit">Save</button>
    </form>
  );
}
`]);
    files.push([`app/dashboard/${r}/actions.ts`, `'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { apiPost } from '@/lib/api';

const ${R}Input = z.object({ id: z.string(), name: z.string().min(1) });

export async function update${R}(form: FormData) {
  const input = ${R}Input.parse({ id: form.get('id'), name: form.get('name') });
  await apiPost(\`/${r}/\${input.id}\`, input);
  revalidatePath('/dashboard/${r}');
}
`]);
    files.push([`app/api/${r}/route.ts`, `import { NextResponse, type NextRequest } from 'next/server';
import { getServerSession } from 'next-auth';

const UPSTREAM = process.env.${r.toUpperCase()}_SERVICE_URL ?? 'http://localhost:4000/${r}';

export async function GET(request: NextRequest) {
  const session = await getServerSession();
  if (!session) return NextResponse.json({ message: 'Unauthorized' }, { status: 401 });
  const query = request.nextUrl.searchParams.get('q') ?? '';
  const response = await fetch(\`\${UPSTREAM}?q=\${encodeURIComponent(query)}\`);
  return NextResponse.json(await response.json());
}

export async function POST(request: NextRequest) {
  const body = await request.json();
  const response = await fetch(UPSTREAM, { method: 'POST', body: JSON.stringify(body) });
  return NextResponse.json(await response.json(), { status: response.status });
}
`]);
  }
  for (const c of components) {
    files.push([`components/${c}.tsx`, `'use client';
import { useUiStore } from '@/lib/store';

export interface ${c}Props {
  items: { id: string; name: string }[];
}

export function ${c}({ items }: ${c}Props) {
  const select = useUiStore((s) => s.select);
  return (
    <ul className="panel">
      {items.map((item) => (
        <li key={item.id} onClick={() => select(item.id)}>
          {item.name}
        </li>
      ))}
    </ul>
  );
}
`]);
  }
  for (const r of routes) files.push([`components/${pascal(r)}Table.tsx`, `export function ${pascal(r)}Table({ items }: { items: { id: string; name: string }[] }) {\n  return <table>{items.map((i) => <tr key={i.id}><td>{i.name}</td></tr>)}</table>;\n}\n`]);
  files.push(['test/home.test.tsx', `import { render } from '@testing-library/react';\nimport { describe, expect, it } from 'vitest';\nimport Home from '../app/page';\n\ndescribe('home', () => {\n  it('links every dashboard', () => {\n    expect(render(<Home />).container.querySelectorAll('a')).toHaveLength(${routes.length});\n  });\n});\n`]);
  return files;
}

export function expressFiles(ctx) {
  const resources = ctx.words.slice((ctx.index * 3) % 12, ((ctx.index * 3) % 12) + 6);
  const files = [
    ['package.json', packageJson(ctx, {
      scripts: { dev: 'tsx watch src/server.ts', build: 'tsc -p .', start: 'node dist/server.js', test: 'vitest run' },
      dependencies: { express: '^4.21.0', cors: '^2.8.5', helmet: '^7.1.0', jsonwebtoken: '^9.0.2', pg: '^8.13.0', zod: '^3.23.0' },
      devDependencies: { '@types/express': '^4.17.21', supertest: '^7.0.0', tsx: '^4.19.1', vitest: '^2.1.1' },
    })],
    ['tsconfig.json', json({ extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist' }, include: ['src', 'test'] })],
    ['.env.example', 'PORT=4000\nDATABASE_URL=postgres://localhost:5432/app\nJWT_SECRET=\nCORS_ORIGIN=http://localhost:3000\n'],
    ['Dockerfile', 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nENV PORT=4000\nEXPOSE 4000\nCMD ["node", "dist/server.js"]\n'],
    ['src/server.ts', `import { app } from './app';\n\nconst port = Number(process.env.PORT ?? 4000);\napp.listen(port, () => console.log(\`listening on \${port}\`));\n`],
    ['src/app.ts', `import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import { errorHandler } from './middleware/error-handler';
import { requireAuth } from './middleware/auth';
${resources.map((r) => `import { ${r.replace(/-/g, '')}Router } from './routes/${r}';`).join('\n')}

export const app = express();
app.use(helmet());
app.use(cors({ origin: process.env.CORS_ORIGIN }));
app.use(express.json());
app.get('/health', (_req, res) => res.json({ ok: true }));
${resources.map((r) => `app.use('/${r}', requireAuth, ${r.replace(/-/g, '')}Router);`).join('\n')}
app.use(errorHandler);
`],
    ['src/middleware/auth.ts', `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return res.status(401).json({ message: 'Missing token' });
  try {
    res.locals.user = jwt.verify(token, process.env.JWT_SECRET ?? '');
    return next();
  } catch {
    return res.status(401).json({ message: 'Invalid token' });
  }
}
`],
    ['src/middleware/error-handler.ts', `import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../errors';

export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction) {
  if (error instanceof HttpError) return res.status(error.status).json({ message: error.message });
  console.error(error);
  return res.status(500).json({ message: 'Internal error' });
}
`],
    ['src/errors.ts', `export class HttpError extends Error {\n  constructor(readonly status: number, message: string) {\n    super(message);\n  }\n}\n\nexport class NotFound extends HttpError {\n  constructor(what: string) {\n    super(404, \`\${what} not found\`);\n  }\n}\n`],
    ['src/db.ts', `import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_MAX ?? 10) });\n`],
  ];
  for (const r of resources) {
    const R = pascal(r);
    const v = r.replace(/-/g, '');
    files.push([`src/routes/${r}.ts`, `import { Router } from 'express';
import { create${R}, get${R}, list${R}, remove${R} } from '../controllers/${r}';

export const ${v}Router = Router();

${v}Router.get('/', list${R});
${v}Router.get('/:id', get${R});
${v}Router.post('/', create${R});
${v}Router.delete('/:id', remove${R});
`]);
    files.push([`src/controllers/${r}.ts`, `import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { NotFound } from '../errors';
import * as repo from '../repositories/${r}';

const Create = z.object({ name: z.string().min(1) });

export async function list${R}(_req: Request, res: Response, next: NextFunction) {
  try {
    res.json(await repo.all());
  } catch (error) {
    next(error);
  }
}

export async function get${R}(req: Request, res: Response, next: NextFunction) {
  try {
    const row = await repo.byId(req.params.id);
    if (!row) throw new NotFound('${r}');
    res.json(row);
  } catch (error) {
    next(error);
  }
}

export async function create${R}(req: Request, res: Response, next: NextFunction) {
  try {
    res.status(201).json(await repo.insert(Create.parse(req.body).name));
  } catch (error) {
    next(error);
  }
}

export async function remove${R}(req: Request, res: Response, next: NextFunction) {
  try {
    await repo.remove(req.params.id);
    res.status(204).end();
  } catch (error) {
    next(error);
  }
}
`]);
    files.push([`src/repositories/${r}.ts`, `import { pool } from '../db';

export interface ${R}Row {
  id: string;
  name: string;
  created_at: Date;
}

export async function all(): Promise<${R}Row[]> {
  return (await pool.query<${R}Row>('SELECT id, name, created_at FROM ${v} ORDER BY created_at DESC LIMIT 100')).rows;
}

export async function byId(id: string): Promise<${R}Row | undefined> {
  return (await pool.query<${R}Row>('SELECT id, name, created_at FROM ${v} WHERE id = $1', [id])).rows[0];
}

export async function insert(name: string): Promise<${R}Row> {
  return (await pool.query<${R}Row>('INSERT INTO ${v} (name) VALUES ($1) RETURNING *', [name])).rows[0];
}

export async function remove(id: string): Promise<void> {
  await pool.query('DELETE FROM ${v} WHERE id = $1', [id]);
}
`]);
    files.push([`test/${r}.test.ts`, `import request from 'supertest';\nimport { describe, expect, it } from 'vitest';\nimport { app } from '../src/app';\n\ndescribe('/${r}', () => {\n  it('needs a token', async () => {\n    expect((await request(app).get('/${r}')).status).toBe(401);\n  });\n});\n`]);
  }
  files.push(['migrations/001_init.sql', resources.map((r) => `CREATE TABLE ${r.replace(/-/g, '')} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`).join('\n') + '\n']);
  return files;
}
