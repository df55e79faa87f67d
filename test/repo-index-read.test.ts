import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/scan/file-text.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';

const SOURCE = 'export type Json = string | number;\r\nexport const tables = ["users"];\r\n';

describe('reading files', () => {
  it('reads UTF-16 files with a byte-order mark as text (little and big endian) and parses them', async () => {
    const root = tempRepo();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SOURCE, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SOURCE, 'utf16le').swap16()]);
    writeFileSync(path.join(root, 'src/types_le.ts'), le);
    writeFileSync(path.join(root, 'src/types_be.ts'), be);
    const index = await buildIndex(root);
    for (const file of ['src/types_le.ts', 'src/types_be.ts']) {
      expect(index.read(file)).toBe(SOURCE);
      expect(index.parse(file)?.statements).toHaveLength(2);
    }
    expect(index.skipped()).toEqual([]);
  });

  it('still leaves out binary content, and reads UTF-8 as before', () => {
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBeUndefined();
    expect(decodeText(Buffer.from('héllo', 'utf8'))).toBe('héllo');
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00]))).toBe(''); // a lone odd byte after the mark is dropped
  });
});
