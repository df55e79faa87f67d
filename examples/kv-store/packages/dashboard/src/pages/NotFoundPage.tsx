import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <div className="card">
      <h1>404 — page not found</h1>
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </div>
  );
}
