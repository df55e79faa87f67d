import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export type * from './types.js';

/** Backend source read for middleware, auth flow, error handling and DynamoDB access. */
export const backendCodeDetector: Detector = {
  id: 'backend-code',
  isEnabled(_index: RepoIndex): boolean {
    return false;
  },
  detect(_index: RepoIndex): Fact[] {
    return [];
  },
};
