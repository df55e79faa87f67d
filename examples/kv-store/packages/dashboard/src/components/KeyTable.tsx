import type { ApiKey } from '@kv/shared';

type Row = Omit<ApiKey, 'keyHash'>;

const fmt = (ts?: number) => (ts ? new Date(ts).toLocaleString() : '—');

export interface KeyTableProps {
  keys: Row[];
  onRevoke: (keyId: string) => void;
  revokingId?: string;
}

/** API keys of the account. Only the prefix is ever shown. */
export function KeyTable({ keys, onRevoke, revokingId }: KeyTableProps) {
  if (keys.length === 0) {
    return <p>No API keys yet. Create one to start using the SDK.</p>;
  }
  return (
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>Key</th>
          <th>Created</th>
          <th>Last used</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.keyId} className={key.revokedAt ? 'revoked' : undefined}>
            <td>{key.name}</td>
            <td>
              <code>{key.prefix}…</code>
            </td>
            <td>{fmt(key.createdAt)}</td>
            <td>{fmt(key.lastUsedAt)}</td>
            <td>
              {key.revokedAt ? (
                <span>Revoked</span>
              ) : (
                <button type="button" disabled={revokingId === key.keyId} onClick={() => onRevoke(key.keyId)}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
