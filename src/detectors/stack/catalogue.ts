/** The groups of the tech-stack table, in the order they are printed. */
export const STACK_GROUPS = ['Runtime & language', 'Backend', 'Frontend', 'Infrastructure', 'Testing & tooling'] as const;
export type StackGroup = (typeof STACK_GROUPS)[number];

export interface KnownTech {
  /** Exact dependency name, or a pattern for families (`@aws-sdk/client-*`). */
  readonly match: string | RegExp;
  readonly label: string;
  readonly group: StackGroup;
}

const B = 'Backend';
const F = 'Frontend';
const I = 'Infrastructure';
const T = 'Testing & tooling';
const R = 'Runtime & language';

/**
 * Dependencies worth naming in a stack overview. Anything else is a detail of one package and is only counted: the
 * overview says what the project is built with, not every library it pulls in.
 */
export const KNOWN_TECH: readonly KnownTech[] = [
  { match: 'typescript', label: 'TypeScript', group: R },
  { match: 'zod', label: 'Zod (validation)', group: R },
  // Backend
  { match: 'express', label: 'Express', group: B },
  { match: 'fastify', label: 'Fastify', group: B },
  { match: 'hono', label: 'Hono', group: B },
  { match: 'koa', label: 'Koa', group: B },
  { match: 'elysia', label: 'Elysia', group: B },
  { match: '@nestjs/core', label: 'NestJS', group: B },
  { match: '@trpc/server', label: 'tRPC', group: B },
  { match: 'graphql', label: 'GraphQL', group: B },
  { match: '@apollo/server', label: 'Apollo Server', group: B },
  { match: '@middy/core', label: 'Middy (Lambda middleware)', group: B },
  { match: /^@aws-lambda-powertools\//, label: 'Powertools for AWS Lambda', group: B },
  { match: /^@aws-sdk\/(client|lib)-/, label: 'AWS SDK v3', group: B },
  { match: 'aws-sdk', label: 'AWS SDK v2', group: B },
  { match: 'aws-jwt-verify', label: 'aws-jwt-verify (Cognito JWTs)', group: B },
  { match: '@prisma/client', label: 'Prisma', group: B },
  { match: 'drizzle-orm', label: 'Drizzle ORM', group: B },
  { match: 'typeorm', label: 'TypeORM', group: B },
  { match: 'mongoose', label: 'Mongoose', group: B },
  { match: 'pg', label: 'node-postgres', group: B },
  { match: 'ioredis', label: 'ioredis', group: B },
  { match: 'redis', label: 'Redis client', group: B },
  { match: /^@paddle\//, label: 'Paddle', group: B },
  { match: 'stripe', label: 'Stripe', group: B },
  { match: 'jsonwebtoken', label: 'jsonwebtoken', group: B },
  { match: 'next-auth', label: 'NextAuth.js', group: B },
  { match: 'better-auth', label: 'Better Auth', group: B },
  { match: /^@clerk\/(nextjs|clerk-react|backend)$/, label: 'Clerk', group: B },
  // Frontend
  { match: 'react', label: 'React', group: F },
  { match: 'next', label: 'Next.js', group: F },
  { match: 'astro', label: 'Astro', group: F },
  { match: 'vue', label: 'Vue', group: F },
  { match: 'nuxt', label: 'Nuxt', group: F },
  { match: 'svelte', label: 'Svelte', group: F },
  { match: '@sveltejs/kit', label: 'SvelteKit', group: F },
  { match: '@angular/core', label: 'Angular', group: F },
  { match: 'solid-js', label: 'Solid', group: F },
  { match: /^@remix-run\/react$/, label: 'Remix', group: F },
  { match: 'react-native', label: 'React Native', group: F },
  { match: 'expo', label: 'Expo', group: F },
  { match: 'vite', label: 'Vite', group: F },
  { match: 'react-router-dom', label: 'React Router', group: F },
  { match: 'react-router', label: 'React Router', group: F },
  { match: '@tanstack/react-router', label: 'TanStack Router', group: F },
  { match: '@tanstack/react-start', label: 'TanStack Start', group: F },
  { match: '@tanstack/react-query', label: 'TanStack Query', group: F },
  { match: 'swr', label: 'SWR', group: F },
  { match: 'zustand', label: 'Zustand', group: F },
  { match: '@reduxjs/toolkit', label: 'Redux Toolkit', group: F },
  { match: 'redux', label: 'Redux', group: F },
  { match: 'tailwindcss', label: 'Tailwind CSS', group: F },
  { match: /^@mui\/material$/, label: 'MUI', group: F },
  { match: 'aws-amplify', label: 'AWS Amplify', group: F },
  { match: 'amazon-cognito-identity-js', label: 'amazon-cognito-identity-js', group: F },
  // Not every `@astrojs/*` package is an integration: `check` is a CLI, `rss` a library, `markdown-*` the processor.
  { match: '@astrojs/check', label: 'Astro check (type checker)', group: T },
  { match: /^@astrojs\//, label: 'Astro packages', group: F },
  // Infrastructure
  { match: 'aws-cdk-lib', label: 'AWS CDK', group: I },
  { match: '@aws-cdk/core', label: 'AWS CDK v1', group: I },
  { match: 'aws-cdk', label: 'AWS CDK CLI', group: I },
  { match: 'constructs', label: 'Constructs', group: I },
  { match: 'sst', label: 'SST', group: I },
  { match: 'serverless', label: 'Serverless Framework', group: I },
  { match: '@pulumi/pulumi', label: 'Pulumi', group: I },
  { match: 'cdktf', label: 'CDK for Terraform', group: I },
  { match: 'wrangler', label: 'Cloudflare Wrangler', group: I },
  // Testing & tooling
  { match: 'vitest', label: 'Vitest', group: T },
  { match: 'jest', label: 'Jest', group: T },
  { match: 'mocha', label: 'Mocha', group: T },
  { match: 'ava', label: 'AVA', group: T },
  { match: '@playwright/test', label: 'Playwright', group: T },
  { match: 'cypress', label: 'Cypress', group: T },
  { match: /^@testing-library\/(react|dom|vue|svelte)$/, label: 'Testing Library', group: T },
  { match: 'msw', label: 'MSW (API mocking)', group: T },
  { match: 'aws-sdk-client-mock', label: 'aws-sdk-client-mock', group: T },
  { match: 'eslint', label: 'ESLint', group: T },
  { match: 'prettier', label: 'Prettier', group: T },
  { match: '@biomejs/biome', label: 'Biome', group: T },
  { match: 'turbo', label: 'Turborepo', group: T },
  { match: 'nx', label: 'Nx', group: T },
  { match: 'lerna', label: 'Lerna', group: T },
  { match: '@changesets/cli', label: 'Changesets', group: T },
  { match: 'husky', label: 'Husky', group: T },
  { match: 'esbuild', label: 'esbuild', group: T },
  { match: 'tsup', label: 'tsup', group: T },
  { match: 'rollup', label: 'Rollup', group: T },
  { match: 'webpack', label: 'webpack', group: T },
  { match: 'tsx', label: 'tsx', group: T },
  { match: 'ts-node', label: 'ts-node', group: T },
];

export function knownTech(dependency: string): KnownTech | undefined {
  return KNOWN_TECH.find((t) => (typeof t.match === 'string' ? t.match === dependency : t.match.test(dependency)));
}
