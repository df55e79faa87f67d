import { create } from 'zustand';
import type { SessionInfo } from '../lib/cognito';

type Status = 'unknown' | 'authenticated' | 'anonymous';

interface SessionState {
  status: Status;
  session: SessionInfo | null;
  setSession: (session: SessionInfo | null) => void;
  clear: () => void;
}

/**
 * Global auth state. Tokens themselves live in Cognito's localStorage entries;
 * this store only mirrors the decoded session for rendering.
 */
export const useSessionStore = create<SessionState>((set) => ({
  status: 'unknown',
  session: null,
  setSession: (session) => set({ session, status: session ? 'authenticated' : 'anonymous' }),
  clear: () => set({ session: null, status: 'anonymous' }),
}));
