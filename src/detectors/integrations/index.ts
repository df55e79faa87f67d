export type * from './types.js';
export { paymentsDetector } from './payments.js';
export { cognitoUsageDetector } from './cognito.js';
export { dependenciesDetector, packageName } from './dependencies.js';
export { knownPackage } from './known-packages.js';
