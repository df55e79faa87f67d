/**
 * Values of the small symbolic evaluator that reads CDK code. Nothing here runs repository code: literals, local
 * constants, object and array literals and a few pure built-ins (path.join, string methods) are followed; everything
 * else becomes `unknown`, which keeps the expression as written so the sections can show it honestly.
 */
import type { Citation } from '../../facts.js';
import { oneLine } from '../../markdown/text.js';
import { lineOf, ts } from '../../scan/ts.js';
import type { Rec } from './records.js';
import type { FnNode } from './program.js';
import { clip } from '../../secrets/clip.js';

interface Base {
  /** The expression the value was written as; its text and line are read lazily. */
  readonly n?: ts.Node;
}

/** `abs` marks a repo-relative path built from `__dirname` (absolute at synth time); others are plain strings. */
export interface StrValue extends Base { readonly k: 'str'; readonly v: string; readonly abs?: boolean }
export interface NumValue extends Base { readonly k: 'num'; readonly v: number }
export interface BoolValue extends Base { readonly k: 'bool'; readonly v: boolean }
export interface UndefValue extends Base { readonly k: 'undef' }
/** An object literal. `open` when a spread of something unknown may have added more properties. */
export interface ObjValue extends Base {
  readonly k: 'obj';
  readonly props: Map<string, Value>;
  open: boolean;
  /** Where each property is written (its initializer), for citing and quoting it as written. */
  readonly nodes?: Map<string, ts.Node>;
}
export interface ArrValue extends Base { readonly k: 'arr'; readonly items: Value[]; open: boolean }
/** A function or arrow of the repository, with the scope it closes over. */
export interface FnValue extends Base { readonly k: 'fn'; readonly fn: FnNode; readonly env: Env; readonly self?: Value; readonly name: string }
/**
 * A class of the repository. `either`: chosen by a condition (`isLocal ? LocalStack : ProdStack`), each class with the
 * condition under which it is the one; `new` on it creates each, under its condition.
 */
export interface ClassValue extends Base {
  readonly k: 'class';
  readonly decl: ts.ClassLikeDeclaration;
  readonly file: string;
  readonly either?: readonly { readonly condition: string; readonly value: ClassValue }[];
}
/**
 * Where an API reached through an import (`RestApi.fromRestApiAttributes(scope, …)`) was imported: the resources and
 * methods added to it are constructs of the importing scope's stack, not of the stack that defines the API.
 */
export interface ImportRef { readonly stack?: Rec; readonly node: ts.Node; readonly factory: string }
/** A construct created (CDK or project class instance), a stack, the app. `importedBy`: reached through an import. */
export interface RecValue extends Base { readonly k: 'rec'; readonly rec: Rec; readonly importedBy?: ImportRef }
/** An API Gateway (REST) resource: the API and the path segments from its root. */
export interface ResValue extends Base {
  readonly k: 'res';
  readonly api: Rec;
  readonly segs: readonly string[];
  readonly resolved: boolean;
  /** `defaultMethodOptions` given to `addResource` on the way down, nearest first; methods below inherit them. */
  readonly inherited: readonly Value[];
  readonly importedBy?: ImportRef;
}
/** An attribute of a construct: `table.tableName`, `fn.functionArn`. */
export interface AttrValue extends Base { readonly k: 'attr'; readonly of: Rec; readonly name: string }
/** Something from a package (`aws-cdk-lib/aws-dynamodb` `AttributeType.STRING`), or the result of calling / `new`-ing it. */
export interface ExtValue extends Base {
  readonly k: 'ext';
  readonly module: string;
  readonly path: readonly string[];
  readonly args?: readonly Value[];
  readonly isNew?: boolean;
}
export interface UnknownValue extends Base {
  readonly k: 'unknown';
  readonly t?: string;
  /** Constructs the expression mentions (`'integrations/' + integration.ref`), so references survive string building. */
  readonly refs?: readonly Rec[];
}

export type Value =
  | StrValue
  | NumValue
  | BoolValue
  | UndefValue
  | ObjValue
  | ArrValue
  | FnValue
  | ClassValue
  | RecValue
  | ResValue
  | AttrValue
  | ExtValue
  | UnknownValue;

/** A lexical scope: names bound by declarations and parameters; module scopes resolve top-level names lazily. */
export interface Env {
  readonly vars: Map<string, Value>;
  readonly parent?: Env;
  readonly file: string;
  readonly self?: Value;
  /** Looks up a name at module level (declarations, imports) when no inner scope has it. */
  readonly module?: (name: string) => Value | undefined;
}

export const UNDEF: UndefValue = { k: 'undef' };

export function unknown(n?: ts.Node, t?: string): UnknownValue {
  return { k: 'unknown', n, t };
}

/** Constructs a value is or mentions. */
export function refsOf(value: Value | undefined): Rec[] {
  if (!value) return [];
  if (value.k === 'rec') return [value.rec];
  if (value.k === 'attr') return [value.of];
  if (value.k === 'unknown') return [...(value.refs ?? [])];
  return [];
}

/** Unknown, but remembering the constructs its parts refer to. */
export function unknownWithRefs(n: ts.Node, parts: readonly (Value | undefined)[]): UnknownValue {
  const refs = parts.flatMap(refsOf);
  return refs.length > 0 ? { k: 'unknown', n, refs } : { k: 'unknown', n };
}

export function str(v: string, n?: ts.Node, abs?: boolean): StrValue {
  return abs ? { k: 'str', v, n, abs } : { k: 'str', v, n };
}

export function withNode<V extends Value>(value: V, n: ts.Node): V {
  return value.n ? value : { ...value, n };
}

const MAX_TEXT = 160;

export function nodeText(node: ts.Node): string {
  const t = oneLine(node.getText(node.getSourceFile()));
  return clip(t, MAX_TEXT);
}

/** The value as written in the code, one line, truncated. */
export function textOf(value: Value | undefined): string {
  if (!value) return '';
  if (value.k === 'unknown' && value.t) return value.t;
  if (value.n) return nodeText(value.n);
  switch (value.k) {
    case 'str':
      return value.v;
    case 'num':
    case 'bool':
      return String(value.v);
    case 'undef':
      return 'undefined';
    case 'ext':
      return value.path.join('.');
    case 'rec':
      return value.rec.idText.text;
    default:
      return '…';
  }
}

export function citationOf(node: ts.Node): Citation {
  const sf = node.getSourceFile();
  return { file: sf.fileName, line: lineOf(node, sf) };
}

export function citeValue(value: Value | undefined): Citation | undefined {
  return value?.n ? citationOf(value.n) : undefined;
}

const ALWAYS_SET = /^(table|function|bucket|queue|topic|stateMachine|eventBus|stream)(Name|Arn)$|^(queueUrl|userPoolId|userPoolArn|userPoolClientId|restApiId)$/;

/** Known truthiness, or undefined when the value is not known statically. */
export function truthy(value: Value): boolean | undefined {
  switch (value.k) {
    case 'str':
      return value.v !== '';
    case 'num':
      return value.v !== 0;
    case 'bool':
      return value.v;
    case 'undef':
      return false;
    case 'unknown':
      return undefined;
    case 'attr':
      // A resource's own name or ARN is always a (token) string; other attributes may be absent (`tableStreamArn`).
      return ALWAYS_SET.test(value.name) ? true : undefined;
    case 'ext':
      return value.isNew || value.args === undefined ? true : undefined;
    default:
      return true;
  }
}

/** A string when the value is one (numbers too, for ids like `Fn${i}`). */
export function stringOf(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.k === 'str') return value.v;
  if (value.k === 'num') return String(value.v);
  return undefined;
}

/** The last member of an enum-like reference: `NODEJS_20_X` from `lambda.Runtime.NODEJS_20_X`. */
export function memberName(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.k === 'str') return value.v;
  if (value.k === 'ext' && value.args === undefined && value.path.length > 0) return value.path[value.path.length - 1];
  // `c ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN` is either member, never its last one alone.
  const either = value.n && ts.isConditionalExpression(value.n) ? conditionalMembers(value.n) : undefined;
  if (either) return either;
  const t = textOf(value);
  if (/\?|\|\||&&/.test(t)) return undefined;
  const m = /([A-Za-z_$][\w$]*)\s*$/.exec(t);
  return m && /^[A-Z0-9_]+$/.test(m[1]) ? m[1] : undefined;
}

/** `DESTROY or RETAIN (conditional)` for a ternary whose branches are both enum members; undefined otherwise. */
function conditionalMembers(node: ts.ConditionalExpression): string | undefined {
  const name = (e: ts.Expression): string | undefined => {
    const m = /([A-Za-z_$][\w$]*)$/.exec(nodeText(e).trim());
    return m && /^[A-Z0-9_]+$/.test(m[1]) && /^[\w$.]+$/.test(nodeText(e).trim()) ? m[1] : undefined;
  };
  const [a, b] = [name(node.whenTrue), name(node.whenFalse)];
  return a && b ? (a === b ? a : `${a} or ${b} (conditional)`) : undefined;
}

/** `Duration.seconds(10)` → `10 s`; otherwise as written. */
export function durationText(value: Value | undefined): string | undefined {
  if (!value || value.k === 'undef') return undefined;
  if (value.k === 'ext' && value.args && value.path.length >= 2 && value.path[value.path.length - 2] === 'Duration') {
    const unit = value.path[value.path.length - 1];
    const amount = stringOf(value.args[0]);
    const units: Record<string, string> = { millis: 'ms', seconds: 's', minutes: 'min', hours: 'h', days: 'd' };
    if (amount !== undefined && units[unit]) return `${amount} ${units[unit]}`;
  }
  if (value.k === 'num') return String(value.v);
  return textOf(value);
}

export function prop(value: Value | undefined, name: string): Value | undefined {
  if (value?.k !== 'obj') return undefined;
  return value.props.get(name);
}

/** Where an object literal's property is written. */
export function propNode(obj: Value | undefined, key: string): ts.Node | undefined {
  return obj?.k === 'obj' ? obj.nodes?.get(key) : undefined;
}

/** A property as written where it is set (`stage` for the shorthand `{ stage }`), else the value's own text. */
export function propText(obj: Value | undefined, key: string): string {
  const node = propNode(obj, key);
  return node ? nodeText(node) : textOf(prop(obj, key));
}

/** Property name → as written, sorted by name. */
export function propTexts(obj: Value | undefined, max = 120): Record<string, string> {
  if (obj?.k !== 'obj') return {};
  const out: Record<string, string> = {};
  for (const key of [...obj.props.keys()].sort()) {
    const t = propText(obj, key);
    out[key] = clip(t, max);
  }
  return out;
}

export function isScopeLike(value: Value | undefined): boolean {
  return value?.k === 'rec' || value?.k === 'unknown';
}

/**
 * A construct id as the reader should see it: its value's text, or, when the value is unknown to the interpreter
 * (`stackName` from `readEnvFile()`), the argument as written at the `new` — never the word `undefined`.
 */
export function idAsWritten(id: Value | undefined, node: ts.Node): string {
  const text = textOf(id);
  if (id && id.k !== 'undef' && text !== 'undefined') return text;
  const arg = ts.isNewExpression(node) || ts.isCallExpression(node) ? node.arguments?.[1] : undefined;
  return arg ? nodeText(arg) : text;
}
