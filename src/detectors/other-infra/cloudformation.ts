/**
 * CloudFormation `Resources` (a standalone template's, or Serverless Framework's `resources:` section): DynamoDB
 * tables in detail (keys, GSIs, LSIs, billing, stream, TTL), every other resource by type and logical id.
 */
import { get, scalar, type YamlNode } from '../../scan/yaml.js';
import { cfnText } from './cfn-values.js';
import type { InfraResourceData, InfraTableData, InfraTableIndex, InfraTool } from './types.js';

export function cfnResources(
  tool: InfraTool,
  resources: YamlNode | undefined,
  file: string,
  /** Types the caller maps itself (a template's functions and APIs): neither a table nor an "other" resource. */
  handled: ReadonlySet<string> = new Set(),
): { tables: InfraTableData[]; others: InfraResourceData[] } {
  const tables: InfraTableData[] = [];
  const others: InfraResourceData[] = [];
  if (resources?.kind !== 'map') return { tables, others };
  for (const entry of resources.entries) {
    const type = scalar(get(entry.value, 'Type'));
    if (!type || handled.has(type)) continue;
    const props = get(entry.value, 'Properties');
    if (type === 'AWS::Serverless::SimpleTable') {
      const key = get(props, 'PrimaryKey');
      const name = scalar(get(key, 'Name')) ?? 'id';
      const physicalName = cfnText(get(props, 'TableName'));
      tables.push({
        tool,
        name: entry.key,
        ...(physicalName ? { physicalName } : {}),
        hashKey: `${name} (${scalar(get(key, 'Type')) ?? 'String'})`,
        indexes: [],
        file,
        line: entry.line,
      });
    } else if (type === 'AWS::DynamoDB::Table' || type === 'AWS::DynamoDB::GlobalTable') {
      const types = attributeTypes(get(props, 'AttributeDefinitions'));
      const keys = keySchema(get(props, 'KeySchema'), types);
      const indexes = [
        ...indexList(get(props, 'GlobalSecondaryIndexes'), 'GSI', types),
        ...indexList(get(props, 'LocalSecondaryIndexes'), 'LSI', types),
      ];
      const physicalName = cfnText(get(props, 'TableName'));
      const billingMode = cfnText(get(props, 'BillingMode'));
      const stream = cfnText(get(get(props, 'StreamSpecification'), 'StreamViewType'));
      const ttl = cfnText(get(get(props, 'TimeToLiveSpecification'), 'AttributeName'));
      tables.push({
        tool,
        name: entry.key,
        ...(physicalName ? { physicalName } : {}),
        ...keys,
        indexes,
        ...(billingMode ? { billingMode } : {}),
        ...(stream ? { stream } : {}),
        ...(ttl ? { ttl } : {}),
        file,
        line: entry.line,
      });
    } else {
      others.push({ tool, type, name: entry.key, file, line: entry.line });
    }
  }
  return { tables, others };
}

function attributeTypes(defs: YamlNode | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (defs?.kind !== 'seq') return out;
  for (const d of defs.items) {
    const name = scalar(get(d, 'AttributeName'));
    const type = scalar(get(d, 'AttributeType'));
    if (name && type) out.set(name, type);
  }
  return out;
}

function keySchema(schema: YamlNode | undefined, types: ReadonlyMap<string, string>): { hashKey?: string; rangeKey?: string } {
  const out: { hashKey?: string; rangeKey?: string } = {};
  if (schema?.kind !== 'seq') return out;
  for (const k of schema.items) {
    const name = scalar(get(k, 'AttributeName'));
    const role = scalar(get(k, 'KeyType'));
    if (!name) continue;
    const label = types.has(name) ? `${name} (${types.get(name)})` : name;
    if (role === 'HASH') out.hashKey = label;
    if (role === 'RANGE') out.rangeKey = label;
  }
  return out;
}

function indexList(list: YamlNode | undefined, kind: 'GSI' | 'LSI', types: ReadonlyMap<string, string>): InfraTableIndex[] {
  if (list?.kind !== 'seq') return [];
  return list.items.flatMap((i) => {
    const name = scalar(get(i, 'IndexName'));
    if (!name) return [];
    const projection = scalar(get(get(i, 'Projection'), 'ProjectionType'));
    return [{ name, kind, ...keySchema(get(i, 'KeySchema'), types), ...(projection ? { projection } : {}) }];
  });
}
