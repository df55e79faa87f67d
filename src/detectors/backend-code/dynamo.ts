/**
 * DynamoDB reads and writes in code: AWS SDK v3 commands (`new QueryCommand({...})`, document and low-level clients),
 * their paginators (`paginateQuery({ client }, {...})`), and method-style clients (`docClient.query({...})`, SDK v2 DocumentClient and v3 `DynamoDBDocument`). For each, the
 * `TableName` expression as written and, when it leads there through constants or imports, the environment variable
 * that carries the table name.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { constantsOf, importsOf, lastName, mentions, property, propertyNameText, staticString } from '../shared/ast.js';
import { enclosingName } from '../shared/naming.js';
import { moduleResolver } from '../shared/resolve-module.js';
import type { DbAccessData, DynamoOperation } from './types.js';
import { assignedRequestItems } from './dynamo-request-items.js';
import { fromCallers } from './dynamo-params.js';

const V3_MODULES = new Set(['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb']);
const COMMANDS: Record<string, DynamoOperation> = {
  GetCommand: 'Get', GetItemCommand: 'Get',
  PutCommand: 'Put', PutItemCommand: 'Put',
  QueryCommand: 'Query', ScanCommand: 'Scan',
  UpdateCommand: 'Update', UpdateItemCommand: 'Update',
  DeleteCommand: 'Delete', DeleteItemCommand: 'Delete',
  BatchGetCommand: 'BatchGet', BatchGetItemCommand: 'BatchGet',
  BatchWriteCommand: 'BatchWrite', BatchWriteItemCommand: 'BatchWrite',
  TransactGetCommand: 'TransactGet', TransactGetItemsCommand: 'TransactGet',
  TransactWriteCommand: 'TransactWrite', TransactWriteItemsCommand: 'TransactWrite',
};
const METHODS: Record<string, DynamoOperation> = {
  get: 'Get', getItem: 'Get', put: 'Put', putItem: 'Put', query: 'Query', scan: 'Scan', update: 'Update',
  updateItem: 'Update', delete: 'Delete', deleteItem: 'Delete', batchGet: 'BatchGet', batchGetItem: 'BatchGet',
  batchWrite: 'BatchWrite', batchWriteItem: 'BatchWrite', transactGet: 'TransactGet', transactGetItems: 'TransactGet',
  transactWrite: 'TransactWrite', transactWriteItems: 'TransactWrite',
};

/** v3 paginators: `paginateScan({ client }, { TableName })` runs Scan (Query) once per page, the params second. */
const PAGINATORS: Record<string, DynamoOperation> = { paginateScan: 'Scan', paginateQuery: 'Query' };

/** Cheap text test before parsing. */
export function mayAccessDynamo(text: string): boolean {
  return mentions(text, ['TableName', 'RequestItems', 'TransactItems']) && mentions(text, ['dynamodb', 'DynamoDB', 'DocumentClient', 'aws-sdk']);
}

export function dynamoAccesses(index: RepoIndex, file: string, sf: ts.SourceFile): DbAccessData[] {
  const imports = importsOf(sf);
  const constants = constantsOf(sf);
  const client: DbAccessData['client'] = [...imports.values()].some((b) => b.module === 'aws-sdk' || b.module.startsWith('aws-sdk/'))
    ? 'document-client'
    : 'sdk-v3';
  const tables = new TableResolver(index, file, constants, imports);
  const out: DbAccessData[] = [];
  const emit = (operation: DynamoOperation, params: ts.ObjectLiteralExpression, at: ts.Node, via: DbAccessData['client']) => {
    const base = { operation, client: via, function: enclosingName(at), file, line: lineOf(at, sf) };
    if (operation === 'BatchGet' || operation === 'BatchWrite') {
      const items = objectOf(property(params, 'RequestItems'), constants);
      let found = 0;
      for (const p of items?.properties ?? []) {
        const keyExpr = ts.isPropertyAssignment(p) && ts.isComputedPropertyName(p.name) ? p.name.expression : undefined;
        const table = keyExpr ? tables.of(keyExpr) : p.name ? tables.literal(propertyNameText(p.name) ?? '?') : undefined;
        if (table) (out.push({ ...base, ...table }), found++);
      }
      // `RequestItems: {}` filled in later (`query[TABLE] = {…}`): the keys assigned are the tables.
      for (const key of items ? assignedRequestItems(items, params, at) : []) {
        out.push({ ...base, ...(ts.isStringLiteralLike(key) ? tables.literal(key.text) : tables.of(key)) });
        found++;
      }
      // A batch is an access even when its tables cannot be read.
      if (found === 0) out.push({ ...base, table: '?' });
      return;
    }
    if (operation === 'TransactGet' || operation === 'TransactWrite') {
      const list = property(params, 'TransactItems');
      if (!list || !ts.isArrayLiteralExpression(list)) {
        out.push({ ...base, table: '?' });
        return;
      }
      for (const element of list.elements) {
        const item = objectOf(element, constants);
        const action = item?.properties[0];
        if (!item || !action || !ts.isPropertyAssignment(action)) continue;
        const inner = objectOf(action.initializer, constants);
        out.push({ ...base, line: lineOf(element, sf), action: propertyNameText(action.name), ...details(inner) });
      }
      return;
    }
    out.push({ ...base, ...details(params) });
  };
  // An index name read like a table name (a constant, an import, a parameter its callers agree on); else as written.
  const indexName = (expr: ts.Expression | undefined) => {
    const shown = alternatives(expr, constants);
    return expr && shown === expr.getText() && ts.isIdentifier(expr) ? (tables.of(expr).literal ?? shown) : shown;
  };
  const details = (params: ts.ObjectLiteralExpression | undefined) => {
    const tableExpr = paramOf(params, 'TableName', constants);
    const key = objectOf(property(params, 'Key'), constants);
    return {
      ...(tableExpr ? tables.of(tableExpr) : { table: '?' }),
      index: indexName(property(params, 'IndexName')),
      keyCondition: alternatives(property(params, 'KeyConditionExpression'), constants),
      key: key ? key.properties.flatMap((p) => (p.name ? [propertyNameText(p.name) ?? p.name.getText(sf)] : [])) : undefined,
    };
  };

  walk(sf, (node) => {
    if (ts.isNewExpression(node)) {
      const name = lastName(node.expression);
      const op = name ? COMMANDS[name] : undefined;
      if (!op || !isV3Binding(node.expression, imports)) return;
      const params = objectOf(node.arguments?.[0], constants);
      if (params) emit(op, params, node, 'sdk-v3');
    } else if (ts.isCallExpression(node) && Object.hasOwn(PAGINATORS, lastName(node.expression) ?? '') && isV3Binding(node.expression, imports)) {
      const params = objectOf(node.arguments[1], constants);
      if (params) emit(PAGINATORS[lastName(node.expression)!], params, node, 'sdk-v3');
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const op = METHODS[node.expression.name.text];
      if (!op) return;
      const params = objectOf(node.arguments[0], constants);
      if (!params || !['TableName', 'RequestItems', 'TransactItems'].some((p) => paramOf(params, p, constants))) return;
      emit(op, params, node, client);
    }
  });
  return out;
}

function isV3Binding(callee: ts.Expression, imports: ReturnType<typeof importsOf>): boolean {
  const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  if (!ts.isIdentifier(root)) return false;
  const binding = imports.get(root.text);
  return binding !== undefined && V3_MODULES.has(binding.module);
}

/**
 * An object literal, directly or through a variable (`const params = {...}`, or `var`/`let`), looked up in the
 * scopes around the use first: handlers often declare a `params` object in every function of one file.
 */
function objectOf(expr: ts.Expression | undefined, constants: ReadonlyMap<string, ts.Expression>): ts.ObjectLiteralExpression | undefined {
  let e = expr;
  for (let i = 0; e && i < 4; i++) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    else if (ts.isObjectLiteralExpression(e)) return e;
    else if (ts.isIdentifier(e)) e = declaredNear(e) ?? constants.get(e.text);
    else return undefined;
  }
  return undefined;
}

/**
 * A parameter written in the object or in an object it spreads (`{ ...spacesTableQuery, Key }`, with
 * `const spacesTableQuery = { TableName: process.env.SPACES_TABLE }`): a property written after a spread wins, so the
 * last writer is looked for from the end. A spread that cannot be read leaves the parameter unknown (undefined).
 */
function paramOf(params: ts.ObjectLiteralExpression | undefined, name: string, constants: ReadonlyMap<string, ts.Expression>, depth = 0): ts.Expression | undefined {
  if (!params || depth > 3) return undefined;
  for (let i = params.properties.length - 1; i >= 0; i--) {
    const p = params.properties[i];
    if (ts.isSpreadAssignment(p)) {
      const spread = objectOf(p.expression, constants);
      if (!spread) return undefined;
      const found = paramOf(spread, name, constants, depth + 1);
      if (found) return found;
    } else if ((ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) || (ts.isShorthandPropertyAssignment(p) && p.name.text === name)) {
      return ts.isPropertyAssignment(p) ? p.initializer : p.name;
    }
  }
  return undefined;
}

function declaredNear(id: ts.Identifier): ts.Expression | undefined {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (!ts.isBlock(n) && !ts.isSourceFile(n) && !ts.isModuleBlock(n) && !ts.isCaseClause(n)) continue;
    for (const st of n.statements) {
      if (st.pos > id.pos) break;
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === id.text && d.initializer) return d.initializer;
      }
    }
  }
  return undefined;
}

/** A string value, or `a | b` for `cond ? 'a' : 'b'`; expressions we cannot read are shown as written. */
function alternatives(expr: ts.Expression | undefined, constants: ReadonlyMap<string, ts.Expression>): string | undefined {
  if (!expr) return undefined;
  if (ts.isConditionalExpression(expr)) {
    const parts = [expr.whenTrue, expr.whenFalse]
      .map((e) => alternatives(e, constants))
      .filter((s): s is string => s !== undefined);
    if (parts.length === 0) return undefined;
    return parts.length === 1 ? `${parts[0]} (conditional)` : parts.join(' | ');
  }
  if (ts.isIdentifier(expr) && expr.text === 'undefined') return undefined;
  const s = staticString(expr, constants);
  return s ? s.text : expr.getText();
}

type TableInfo = Pick<DbAccessData, 'table' | 'envVar' | 'literal'>;

/** Follows a `TableName` expression through local constants and imported constants to an env var or a literal. */
class TableResolver {
  constructor(
    private readonly index: RepoIndex,
    private readonly file: string,
    private readonly constants: ReadonlyMap<string, ts.Expression>,
    private readonly imports: ReturnType<typeof importsOf>,
  ) {}

  of(expr: ts.Expression): TableInfo {
    const table = expr.getText().replace(/\s+/g, ' ');
    const found = this.follow(expr, this.file, this.constants, this.imports, 0);
    return { table, ...found };
  }

  literal(name: string): TableInfo {
    return { table: `'${name}'`, literal: name };
  }

  private follow(
    expr: ts.Expression,
    file: string,
    constants: ReadonlyMap<string, ts.Expression>,
    imports: ReturnType<typeof importsOf>,
    depth: number,
  ): { envVar?: string; literal?: string } {
    if (depth > 6) return {};
    const next = (e: ts.Expression) => this.follow(e, file, constants, imports, depth + 1);
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) return next(expr.expression);
    if (ts.isStringLiteralLike(expr)) return { literal: expr.text };
    const env = envVarOf(expr);
    if (env) return { envVar: env };
    if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expr.operatorToken.kind)) {
      const left = next(expr.left);
      return left.envVar ? { envVar: left.envVar } : left.literal ? left : next(expr.right);
    }
    if (ts.isIdentifier(expr)) {
      const init = constants.get(expr.text);
      if (init) return next(init);
      const binding = imports.get(expr.text);
      if (!binding) {
        return fromCallers(this.index, file, expr, (arg, at, sf) => this.follow(arg, at, constantsOf(sf), importsOf(sf), depth + 1));
      }
      const target = moduleResolver(this.index).resolve(file, binding.module);
      const sf = target ? this.index.parse(target) : undefined;
      if (!sf) return {};
      const targetInit = constantsOf(sf).get(binding.imported);
      return targetInit ? this.follow(targetInit, target!, constantsOf(sf), importsOf(sf), depth + 1) : {};
    }
    if (ts.isPropertyAccessExpression(expr)) {
      // `TABLES.users` / `config.tables.users`: a constant object literal defined in this file.
      const owner = ts.isIdentifier(expr.expression) ? constants.get(expr.expression.text) : undefined;
      const value = owner && ts.isObjectLiteralExpression(owner) ? property(owner, expr.name.text) : undefined;
      if (value) return next(value);
    }
    return {};
  }
}

/** `process.env.X`, `process.env['X']`, `env.X` after `const { env } = process`, or `getEnv('X')`-style helpers. */
export function envVarOf(expr: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(expr) && /(^|\.)env$/.test(expr.expression.getText())) return expr.name.text;
  if (ts.isElementAccessExpression(expr) && /(^|\.)env$/.test(expr.expression.getText()) && ts.isStringLiteralLike(expr.argumentExpression)) {
    return expr.argumentExpression.text;
  }
  if (ts.isCallExpression(expr) && /env/i.test(lastName(expr.expression) ?? '')) {
    const arg = expr.arguments[0];
    if (arg && ts.isStringLiteralLike(arg) && /^[A-Z][A-Z0-9_]*$/.test(arg.text)) return arg.text;
  }
  return undefined;
}
