import { useCallback, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import * as cognito from '../lib/cognito';
import { useSessionStore } from '../stores/session-store';

/** Auth state + actions. Restores the Cognito session on first use. */
export function useAuth() {
  const { status, session, setSession, clear } = useSessionStore();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (status === 'unknown') {
      cognito.getCurrentSession().then(setSession, () => setSession(null));
    }
  }, [status, setSession]);

  const signIn = useCallback(
    async (email: string, password: string) => setSession(await cognito.signIn(email, password)),
    [setSession],
  );

  const signOut = useCallback(() => {
    cognito.signOut();
    queryClient.clear();
    clear();
  }, [clear, queryClient]);

  return {
    status,
    session,
    isAuthenticated: status === 'authenticated',
    signIn,
    signUp: cognito.signUp,
    confirmSignUp: cognito.confirmSignUp,
    signOut,
  };
}
