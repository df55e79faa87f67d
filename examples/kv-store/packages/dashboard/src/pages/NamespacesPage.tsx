import { useState, type FormEvent } from 'react';
import { NamespaceList } from '../components/NamespaceList';
import { useCreateNamespace, useNamespaces } from '../hooks/useNamespaces';

export function NamespacesPage() {
  const { data: namespaces = [], isLoading } = useNamespaces();
  const createNamespace = useCreateNamespace();
  const [name, setName] = useState('');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    createNamespace.mutate(name, { onSuccess: () => setName('') });
  }

  return (
    <section>
      <h1>Namespaces</h1>
      <form onSubmit={onSubmit} className="inline-form">
        <input
          value={name}
          onChange={(e) => setName(e.target.value.toLowerCase())}
          placeholder="e.g. production"
          pattern="[a-z0-9][a-z0-9-]{1,62}"
          required
        />
        <button type="submit" disabled={createNamespace.isPending}>
          Create namespace
        </button>
      </form>
      {createNamespace.error && <p className="error">{createNamespace.error.message}</p>}
      {isLoading ? <p>Loading…</p> : <NamespaceList namespaces={namespaces} />}
    </section>
  );
}
