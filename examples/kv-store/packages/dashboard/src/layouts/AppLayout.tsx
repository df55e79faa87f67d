import { Outlet } from 'react-router-dom';
import { Sidebar } from '../components/Sidebar';

/** Shell for every authenticated page: sidebar + routed content. */
export function AppLayout() {
  return (
    <div className="app">
      <Sidebar />
      <main>
        <Outlet />
      </main>
    </div>
  );
}
