import type { Fact } from '../../facts.js';

export type Orm = 'prisma' | 'drizzle' | 'typeorm' | 'mikro-orm' | 'mongoose';

export interface OrmRelation {
  /** The related model's name as written. */
  readonly model: string;
  /** `many-to-one`, `one-to-many`, `one-to-one`, `many-to-many`, or `ref` when only a reference is known. */
  readonly kind: string;
  /** Local foreign-key fields, when the schema says. */
  readonly fields?: readonly string[];
}

export interface OrmField {
  readonly name: string;
  /** Type as written in the schema (`String`, `varchar`, `uuid`, `Date`). */
  readonly type: string;
  readonly optional?: boolean;
  readonly list?: boolean;
  /** Short markers: `id`, `unique`, `default(now())`, `updatedAt`, `generated`, `map(x)`. */
  readonly attributes: readonly string[];
  readonly relation?: OrmRelation;
}

export interface OrmIndex {
  readonly fields: readonly string[];
  readonly unique: boolean;
  readonly name?: string;
}

/** One model / table / entity / schema. */
export interface OrmModelData {
  readonly orm: Orm;
  readonly name: string;
  /** Database table or collection name when it differs from or is given beside the model name. */
  readonly table?: string;
  readonly fields: readonly OrmField[];
  readonly primaryKey: readonly string[];
  readonly indexes: readonly OrmIndex[];
  readonly file: string;
  readonly line: number;
}

export type OrmModelFact = Fact<'orm.model', OrmModelData>;

/** Prisma `enum` blocks and Drizzle `pgEnum`s. */
export interface OrmEnumData {
  readonly orm: Orm;
  readonly name: string;
  readonly values: readonly string[];
  readonly file: string;
  readonly line: number;
}

export type OrmEnumFact = Fact<'orm.enum', OrmEnumData>;
