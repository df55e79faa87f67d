export * from './types/kv';
export * from './types/user';
export * from './types/api-key';
export * from './types/usage';
export * from './types/billing';
export * from './constants';
export * from './errors';
