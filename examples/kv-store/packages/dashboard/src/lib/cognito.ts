import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';

export const userPool = new CognitoUserPool({
  UserPoolId: import.meta.env.VITE_COGNITO_USER_POOL_ID,
  ClientId: import.meta.env.VITE_COGNITO_CLIENT_ID,
});

export interface SessionInfo {
  idToken: string;
  email: string;
  sub: string;
  plan: string;
}

function toSessionInfo(session: CognitoUserSession): SessionInfo {
  const idToken = session.getIdToken();
  const payload = idToken.decodePayload();
  return {
    idToken: idToken.getJwtToken(),
    email: String(payload.email),
    sub: String(payload.sub),
    plan: String(payload['custom:plan'] ?? 'free'),
  };
}

/** Restores (and silently refreshes) the session stored in localStorage, or null. */
export function getCurrentSession(): Promise<SessionInfo | null> {
  const user = userPool.getCurrentUser();
  if (!user) return Promise.resolve(null);
  return new Promise((resolve) => {
    user.getSession((err: Error | null, session: CognitoUserSession | null) => {
      resolve(err || !session?.isValid() ? null : toSessionInfo(session));
    });
  });
}

export function signIn(email: string, password: string): Promise<SessionInfo> {
  const user = new CognitoUser({ Username: email, Pool: userPool });
  const details = new AuthenticationDetails({ Username: email, Password: password });
  return new Promise((resolve, reject) => {
    user.authenticateUser(details, {
      onSuccess: (session) => resolve(toSessionInfo(session)),
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('A new password is required. Please reset your password.')),
    });
  });
}

export function signUp(email: string, password: string): Promise<void> {
  const attributes = [new CognitoUserAttribute({ Name: 'email', Value: email })];
  return new Promise((resolve, reject) => {
    userPool.signUp(email, password, attributes, [], (err) => (err ? reject(err) : resolve()));
  });
}

export function confirmSignUp(email: string, code: string): Promise<void> {
  const user = new CognitoUser({ Username: email, Pool: userPool });
  return new Promise((resolve, reject) => {
    user.confirmRegistration(code, true, (err) => (err ? reject(err) : resolve()));
  });
}

export function signOut(): void {
  userPool.getCurrentUser()?.signOut();
}
