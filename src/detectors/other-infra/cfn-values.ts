/**
 * CloudFormation values as the YAML reader gives them: plain scalars, or intrinsic functions in their long form
 * (`{ Ref: X }`, `{ "Fn::GetAtt": [A, B] }`, `{ "Fn::Join": [",", [...]] }`), whether the template wrote the short
 * form (`!Ref X`) or JSON. Read as text for tables and names, and followed to the resources they point at.
 */
import { scalar, type YamlNode } from '../../scan/yaml.js';

/** The one intrinsic function a node is (`Ref`, `Fn::Join`, …) with its argument, or undefined. */
export function intrinsic(node: YamlNode | undefined): { fn: string; arg: YamlNode } | undefined {
  if (node?.kind !== 'map' || node.entries.length !== 1) return undefined;
  const [e] = node.entries;
  return e.key === 'Ref' || e.key === 'Condition' || e.key.startsWith('Fn::') ? { fn: e.key, arg: e.value } : undefined;
}

/**
 * Readable text: a scalar as it is; `!Ref X` and `!GetAtt A.B` in their short form; `!Sub` as its template;
 * `!Join` of readable parts joined, with references as `${X}` (what CloudFormation substitutes there). Undefined when
 * nothing readable can be said.
 */
export function cfnText(node: YamlNode | undefined, depth = 0): string | undefined {
  const plain = scalar(node);
  if (plain !== undefined || depth > 8) return plain;
  const call = intrinsic(node);
  if (!call) return undefined;
  const { fn, arg } = call;
  if (fn === 'Ref') return `!Ref ${scalar(arg) ?? '?'}`;
  if (fn === 'Fn::GetAtt') return `!GetAtt ${getAttText(arg) ?? '?'}`;
  if (fn === 'Fn::Sub') return scalar(arg) ?? (arg.kind === 'seq' ? scalar(arg.items[0]) : undefined);
  if (fn === 'Fn::ImportValue') {
    const name = cfnText(arg, depth + 1);
    return name ? `!ImportValue ${name}` : undefined;
  }
  if (fn === 'Fn::Join' && arg.kind === 'seq' && arg.items[1]?.kind === 'seq') {
    const separator = scalar(arg.items[0]) ?? '';
    const parts = arg.items[1].items.map((p) => joinPart(p, depth + 1));
    return parts.every((p): p is string => p !== undefined) ? parts.join(separator) : undefined;
  }
  return undefined;
}

function joinPart(node: YamlNode, depth: number): string | undefined {
  const call = intrinsic(node);
  if (call?.fn === 'Ref') return `\${${scalar(call.arg) ?? '?'}}`;
  if (call?.fn === 'Fn::GetAtt') return `\${${getAttText(call.arg) ?? '?'}}`;
  return cfnText(node, depth);
}

function getAttText(arg: YamlNode): string | undefined {
  if (arg.kind === 'seq') return arg.items.map((i) => scalar(i) ?? '?').join('.');
  return scalar(arg);
}

/**
 * Logical ids a value refers to: `!Ref X`, `!GetAtt X.Arn`, `${X}` / `${X.Arn}` inside `!Sub`, anywhere inside it.
 * Pseudo parameters (`AWS::Region`) are left out.
 */
export function references(node: YamlNode | undefined, depth = 0): string[] {
  if (!node || depth > 12) return [];
  const call = intrinsic(node);
  if (call?.fn === 'Ref') return logical(scalar(call.arg));
  if (call?.fn === 'Fn::GetAtt') return logical(call.arg.kind === 'seq' ? scalar(call.arg.items[0]) : scalar(call.arg)?.split('.')[0]);
  if (call?.fn === 'Fn::Sub') {
    const template = scalar(call.arg) ?? (call.arg.kind === 'seq' ? scalar(call.arg.items[0]) : undefined) ?? '';
    const named = [...template.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)].flatMap((m) => logical(m[1]));
    return [...named, ...(call.arg.kind === 'seq' ? references(call.arg.items[1], depth + 1) : [])];
  }
  if (node.kind === 'map') return node.entries.flatMap((e) => references(e.value, depth + 1));
  if (node.kind === 'seq') return node.items.flatMap((i) => references(i, depth + 1));
  return [];
}

function logical(id: string | undefined): string[] {
  return id && !id.startsWith('AWS::') ? [id] : [];
}
