/**
 * Drizzle columns and indexes built by a helper function of the schema file (`workspaceRef()`,
 * `workspaceIdIndex('t', table.workspaceId)`): the helper's returned builder is read with the call's arguments, so
 * its foreign key and index are shown (not "—").
 */
import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmModelData } from '../src/detectors/orm/index.js';
import { detect } from './helpers/fixture.js';

const models = async () => (await detect(ormDetector, 'orm-drizzle-helpers')).filter((f) => f.kind === 'orm.model').map((f) => f.data as OrmModelData);

describe('Drizzle helper builders', () => {
  it('follows a same-file helper returning a column or index builder', async () => {
    const endpoints = (await models()).find((m) => m.name === 'endpoints')!;
    expect(endpoints.primaryKey).toEqual(['id']);
    expect(endpoints.fields.find((f) => f.name === 'id')).toEqual({ name: 'id', type: 'text', attributes: ['id'] });
    expect(endpoints.fields.find((f) => f.name === 'workspaceId')).toEqual({
      name: 'workspaceId',
      type: 'text',
      attributes: [],
      relation: { model: 'workspaces', kind: 'many-to-one', fields: ['workspaceId'] },
    });
    expect(endpoints.indexes).toEqual([{ fields: ['workspaceId'], unique: false, name: 'endpoints_workspace_id_idx' }]);
  });
});
