import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export type * from './types.js';

/** Prisma, Drizzle, TypeORM and Mongoose schemas: `orm.model` and `orm.enum` facts. */
export const ormDetector: Detector = {
  id: 'orm',
  isEnabled(_index: RepoIndex): boolean {
    return false;
  },
  detect(_index: RepoIndex): Fact[] {
    return [];
  },
};
