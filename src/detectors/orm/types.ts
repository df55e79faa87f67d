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
  /** The variable the code calls the model by, when it differs from `name` (`const UserModel = model('User', …)`). */
  readonly binding?: string;
  /** Prisma: a `view` block (a database view) or a composite `type` (MongoDB), which are not tables of their own. */
  readonly block?: 'view' | 'type';
  /**
   * Mongoose: the schema's custom statics, by what their body does through `this` (`write` when any call writes,
   * `call` when it calls only methods the tool does not know, `none` when it calls nothing on `this`).
   */
  readonly statics?: Readonly<Record<string, 'read' | 'write' | 'call' | 'none'>>;
  readonly fields: readonly OrmField[];
  /** Drizzle: spreads among the columns whose columns were not read (`...auditColumns`), with their lines in `file`. */
  readonly spreads?: readonly { readonly text: string; readonly line: number }[];
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

/** One call in application code that reads or writes a model (`db.user.findMany`, `repo.save`, `User.find`). */
export interface OrmAccessData {
  readonly orm: Orm;
  /** The model's name as in `orm.model` (Prisma model, Drizzle table variable, entity class, Mongoose model). */
  readonly model: string;
  /** The file that defines the model, to tell apart two models of one name. */
  readonly modelFile: string;
  /** `call`: a method of the model whose operation the code does not show (a static from a plugin, `Model.init()`). */
  readonly kind: 'read' | 'write' | 'call';
  /** The method as called: `findMany`, `insert`, `select` (for `.from(table)`), `save`, `createQueryBuilder`. */
  readonly method: string;
  /** The enclosing function, when it has a name. */
  readonly function?: string;
  readonly file: string;
  readonly line: number;
}

export type OrmAccessFact = Fact<'orm.access', OrmAccessData>;

/**
 * A wrapper the code reaches models through whose calls the reader does not follow: a `@tsed/prisma` generated
 * repository whose name matches no model of the schema, a Prisma delegate handed on (`super(prisma.user)`) or picked
 * by a computed key (`prisma[model]`). "No calls found" is then not said of `model`, or without one, of any model of
 * that ORM.
 */
export interface OrmWrapperData {
  readonly orm: Orm;
  /** The package of the wrapper (`@tsed/prisma`). */
  readonly via: string;
  /** The name imported from it (`PeopleRepository`), or the expression as written (`prisma.user`, `prisma[…]`). */
  readonly name: string;
  /** The one model it stands for, when known. */
  readonly model?: string;
  readonly file: string;
  readonly line: number;
}

export type OrmWrapperFact = Fact<'orm.wrapper', OrmWrapperData>;

/** An auth library's ORM adapter handed the database: the library reads and writes its tables itself. */
export interface OrmAuthAdapterData {
  /** `better-auth`, `Auth.js`, `Lucia`. */
  readonly library: string;
  readonly orm: Orm;
  /** The adapter as imported (`drizzleAdapter`, `PrismaAdapter`). */
  readonly name: string;
  /** Tables the call names (`{ usersTable: users }`, `schema: { user: users }`, Lucia's arguments); sorted. */
  readonly tables: readonly string[];
  readonly file: string;
  readonly line: number;
}

export type OrmAuthAdapterFact = Fact<'orm.auth-adapter', OrmAuthAdapterData>;
