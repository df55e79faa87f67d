/**
 * A Lambda whose code is deployed from S3 (`Code: { S3Bucket, S3Key }`, SAM `CodeUri: s3://…` or `{ Bucket, Key }`)
 * has no path in the template, but its source is often in the repository under the zip's name
 * (`functions/ListBooks.zip` ← `functions/APIs/listBooks.js`). The key is read (literal, or `!FindInMap` with
 * literal arguments against the template's Mappings) and matched by base name, so step 3 never says "not found".
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { get, scalar, type YamlNode } from '../../scan/yaml.js';
import { isBuildOrVendor, isTestFile } from '../shared/source-scope.js';
import { intrinsic } from './cfn-values.js';
import type { InfraCodeSource } from './types.js';
import { pushTo } from '../../collections.js';

const SOURCE = /\.(ts|js|mjs|cjs|py|rb|go|java|cs)$/i;

/** Where the function's code lives when it is not a repository path: S3, or inline in the template. */
export function codeSource(index: RepoIndex, root: YamlNode | undefined, props: YamlNode | undefined, sam: boolean): InfraCodeSource | undefined {
  const uri = get(props, sam ? 'CodeUri' : 'Code');
  const written = scalar(uri);
  if (written !== undefined) {
    const m = /^s3:\/\/[^/]+\/(.+)$/.exec(written);
    return m ? s3(index, m[1]) : undefined;
  }
  if (uri?.kind !== 'map') return undefined;
  const zip = get(uri, 'ZipFile');
  if (zip) return { kind: 'inline', line: zip.line };
  const keyNode = get(uri, sam ? 'Key' : 'S3Key');
  if (!keyNode && !get(uri, sam ? 'Bucket' : 'S3Bucket')) return undefined;
  return s3(index, resolveKey(root, keyNode));
}

function s3(index: RepoIndex, key: string | undefined): InfraCodeSource {
  const likely = key ? likelySource(index, key) : undefined;
  return { kind: 's3', ...(key ? { key } : {}), ...(likely ? { likely } : {}) };
}

/** A literal key, or `!FindInMap [Map, Top, Second]` whose three arguments are literal. */
function resolveKey(root: YamlNode | undefined, node: YamlNode | undefined): string | undefined {
  const plain = scalar(node);
  if (plain !== undefined) return plain;
  const call = intrinsic(node);
  if (call?.fn !== 'Fn::FindInMap' || call.arg.kind !== 'seq' || call.arg.items.length !== 3) return undefined;
  const [map, top, second] = call.arg.items.map((i) => scalar(i));
  if (!map || !top || !second) return undefined;
  return scalar(get(get(get(get(root, 'Mappings'), map), top), second));
}

const bySourceName = new WeakMap<RepoIndex, Map<string, string[]>>();

/** The one tracked source file whose base name is the zip's, case-insensitively; undefined when none or several. */
function likelySource(index: RepoIndex, key: string): string | undefined {
  const stem = path.posix.basename(key).replace(/\.(zip|jar)$/i, '').toLowerCase();
  if (!stem || stem === path.posix.basename(key).toLowerCase()) return undefined;
  let table = bySourceName.get(index);
  if (!table) {
    // One table per index, built on the first S3-deployed function.
    table = new Map();
    for (const f of index.files) {
      if (!SOURCE.test(f) || isBuildOrVendor(index, f) || isTestFile(f)) continue;
      const name = path.posix.basename(f).replace(SOURCE, '').toLowerCase();
      pushTo(table, name, f);
    }
    bySourceName.set(index, table);
  }
  const found = table.get(stem) ?? [];
  return found.length === 1 ? found[0] : undefined;
}
