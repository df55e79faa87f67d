import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export type * from './types.js';

/** Serverless Framework, SST and Terraform, read as text: `infra.project|function|route|table|resource` facts. */
export const otherInfraDetector: Detector = {
  id: 'other-infra',
  isEnabled(_index: RepoIndex): boolean {
    return false;
  },
  detect(_index: RepoIndex): Fact[] {
    return [];
  },
};
