import { NavLink } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth';

const links = [
  { to: '/', label: 'Overview', end: true },
  { to: '/namespaces', label: 'Namespaces' },
  { to: '/keys', label: 'API keys' },
  { to: '/usage', label: 'Usage' },
  { to: '/billing', label: 'Billing' },
  { to: '/settings', label: 'Settings' },
];

export function Sidebar() {
  const { session, signOut } = useAuth();

  return (
    <nav className="sidebar" aria-label="Main">
      <strong className="logo">KV Store</strong>
      {links.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end}>
          {link.label}
        </NavLink>
      ))}
      <footer>
        <small>{session?.email}</small>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </footer>
    </nav>
  );
}
