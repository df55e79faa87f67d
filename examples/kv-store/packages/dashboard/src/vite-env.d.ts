/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_API_URL?: string;
  readonly VITE_COGNITO_USER_POOL_ID: string;
  readonly VITE_COGNITO_CLIENT_ID: string;
  readonly VITE_PADDLE_CLIENT_TOKEN: string;
  readonly VITE_PADDLE_ENV: 'sandbox' | 'production';
  readonly VITE_PADDLE_PRICE_PRO: string;
  readonly VITE_PADDLE_PRICE_TEAM: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
