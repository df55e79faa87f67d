/// <reference types="vitest" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  return {
    plugins: [react()],
    resolve: {
      alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    },
    server: {
      port: 5173,
      proxy: {
        // Same shape as the CloudFront `/api/*` behaviour in FrontendStack.
        '/api': {
          target: env.DEV_API_PROXY_TARGET ?? 'https://app.staging.kvstore.dev',
          changeOrigin: true,
        },
      },
    },
    build: { outDir: 'dist', sourcemap: true },
    test: {
      environment: 'jsdom',
      include: ['test/**/*.test.tsx'],
      setupFiles: ['@testing-library/jest-dom/vitest'],
    },
  };
});
