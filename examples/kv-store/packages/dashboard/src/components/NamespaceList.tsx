import { Link } from 'react-router-dom';
import type { Namespace } from '@kv/shared';

export function NamespaceList({ namespaces }: { namespaces: Namespace[] }) {
  if (namespaces.length === 0) {
    return <p>No namespaces yet. Namespaces group keys, e.g. <code>staging</code> and <code>prod</code>.</p>;
  }
  return (
    <ul className="namespace-list">
      {namespaces.map((ns) => (
        <li key={ns.name}>
          <Link to={`/namespaces/${encodeURIComponent(ns.name)}`}>{ns.name}</Link>
        </li>
      ))}
    </ul>
  );
}
