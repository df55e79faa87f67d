/**
 * NestJS ConfigService receivers: `this.configService.get('X')` reads the process environment. The field is found by
 * its name (`configService`, `config`, `appConfigService`) or by its declared type (`private readonly configServie:
 * ConfigService`, `cfg: ConfigService<Env, true>`): a misspelled or short field name is as much a ConfigService as the
 * usual one.
 */
import { ts, walk } from '../../scan/ts.js';

/** The usual names of a ConfigService: `this.configService`, `configService`, `config`, `this.config`. */
const CONFIG_RECEIVER = /^(this\.)?(config|configService|[\w$]*ConfigService|_configService)$/i;
/** A type naming a ConfigService (`ConfigService`, `ConfigService<Env>`, `TypedConfigService`, `config.ConfigService`). */
const CONFIG_TYPE = /(^|\.)[\w$]*ConfigService$/;

/** The names the file declares with a ConfigService type: parameters (constructor parameter properties too), fields, variables. */
export function configServiceNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  walk(sf, (node) => {
    if (!ts.isParameter(node) && !ts.isPropertyDeclaration(node) && !ts.isVariableDeclaration(node)) return;
    const type = node.type;
    if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(node.name)) return;
    if (CONFIG_TYPE.test(type.typeName.getText(sf))) names.add(node.name.text);
  });
  return names;
}

/** Whether `receiver` (the text before `.get(`) is a ConfigService: by its usual name or by a name typed as one. */
export function isConfigReceiver(sf: ts.SourceFile, receiver: ts.Expression, typed: ReadonlySet<string>): boolean {
  if (CONFIG_RECEIVER.test(receiver.getText(sf))) return true;
  const inner = ts.isPropertyAccessExpression(receiver) && receiver.expression.kind === ts.SyntaxKind.ThisKeyword ? receiver.name : receiver;
  return ts.isIdentifier(inner) && typed.has(inner.text);
}
