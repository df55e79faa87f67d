import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CopyButton } from '../components/CopyButton';
import { useDeleteKey, useNamespaceKeys } from '../hooks/useNamespaces';

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

export function NamespaceDetailPage() {
  const { namespaceId = '' } = useParams<{ namespaceId: string }>();
  const [cursor, setCursor] = useState<string | undefined>();
  const { data, isLoading, error } = useNamespaceKeys(namespaceId, cursor);
  const deleteKey = useDeleteKey(namespaceId);

  return (
    <section>
      <p>
        <Link to="/namespaces">← Namespaces</Link>
      </p>
      <h1>
        {namespaceId} <CopyButton value={namespaceId} label="Copy name" />
      </h1>
      {error && <p className="error">{error.message}</p>}
      {isLoading ? (
        <p>Loading…</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Key</th>
              <th>Size</th>
              <th>Updated</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data?.items.map((item) => (
              <tr key={item.key}>
                <td>
                  <code>{item.key}</code>
                </td>
                <td>{formatBytes(item.size)}</td>
                <td>{new Date(item.updatedAt).toLocaleString()}</td>
                <td>{item.expiresAt ? new Date(item.expiresAt * 1000).toLocaleString() : 'never'}</td>
                <td>
                  <button type="button" onClick={() => deleteKey.mutate(item.key)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.cursor && (
        <button type="button" onClick={() => setCursor(data.cursor)}>
          Next page
        </button>
      )}
    </section>
  );
}
