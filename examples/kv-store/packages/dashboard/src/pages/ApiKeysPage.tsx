import { useState, type FormEvent } from 'react';
import { CopyButton } from '../components/CopyButton';
import { KeyTable } from '../components/KeyTable';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../hooks/useApiKeys';

export function ApiKeysPage() {
  const { data: keys = [], isLoading } = useApiKeys();
  const createKey = useCreateApiKey();
  const revokeKey = useRevokeApiKey();
  const [name, setName] = useState('');

  function onCreate(e: FormEvent) {
    e.preventDefault();
    createKey.mutate(name, { onSuccess: () => setName('') });
  }

  return (
    <section>
      <h1>API keys</h1>
      <form onSubmit={onCreate} className="inline-form">
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Key name, e.g. production" required />
        <button type="submit" disabled={createKey.isPending}>
          Create key
        </button>
      </form>
      {createKey.error && <p className="error">{createKey.error.message}</p>}

      {createKey.data && (
        <div className="card callout" role="status">
          <p>Copy your new key now — it will not be shown again.</p>
          <code>{createKey.data.secret}</code> <CopyButton value={createKey.data.secret} />
        </div>
      )}

      {isLoading ? (
        <p>Loading…</p>
      ) : (
        <KeyTable
          keys={keys}
          onRevoke={(keyId) => {
            if (confirm('Revoke this key? Requests using it will fail immediately.')) revokeKey.mutate(keyId);
          }}
          revokingId={revokeKey.isPending ? revokeKey.variables : undefined}
        />
      )}
    </section>
  );
}
