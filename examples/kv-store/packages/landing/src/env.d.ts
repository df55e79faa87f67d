/// <reference path="../.astro/types.d.ts" />
/// <reference types="astro/client" />

interface ImportMetaEnv {
  readonly PUBLIC_PADDLE_CLIENT_TOKEN: string;
  readonly PUBLIC_PADDLE_ENV: 'sandbox' | 'production';
  readonly PUBLIC_PADDLE_PRICE_PRO: string;
  readonly PUBLIC_PADDLE_PRICE_TEAM: string;
  readonly PUBLIC_DASHBOARD_URL: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
