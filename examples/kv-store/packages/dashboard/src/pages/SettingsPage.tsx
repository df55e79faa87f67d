import { useAuth } from '../hooks/useAuth';
import { useAccount } from '../hooks/useAccount';

export function SettingsPage() {
  const { session, signOut } = useAuth();
  const { data } = useAccount();

  return (
    <section>
      <h1>Settings</h1>
      <div className="card">
        <h2>Profile</h2>
        <dl>
          <dt>Email</dt>
          <dd>{session?.email}</dd>
          <dt>User ID</dt>
          <dd>
            <code>{session?.sub}</code>
          </dd>
          <dt>Member since</dt>
          <dd>{data ? new Date(data.user.createdAt).toLocaleDateString() : '—'}</dd>
        </dl>
      </div>
      <div className="card">
        <h2>Session</h2>
        <button type="button" onClick={signOut}>
          Sign out everywhere on this device
        </button>
      </div>
    </section>
  );
}
