import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth';

/** Two steps: sign up, then confirm the emailed code (triggers the post-confirmation Lambda). */
export function SignupPage() {
  const { signUp, confirmSignUp, signIn } = useAuth();
  const navigate = useNavigate();
  const [step, setStep] = useState<'register' | 'confirm'>('register');
  const [credentials, setCredentials] = useState({ email: '', password: '' });
  const [error, setError] = useState<string | null>(null);

  async function onRegister(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = { email: String(form.get('email')), password: String(form.get('password')) };
    try {
      await signUp(next.email, next.password);
      setCredentials(next);
      setStep('confirm');
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Sign-up failed');
    }
  }

  async function onConfirm(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code'));
    try {
      await confirmSignUp(credentials.email, code);
      await signIn(credentials.email, credentials.password);
      navigate('/', { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Confirmation failed');
    }
  }

  return (
    <div className="auth-page card">
      <h1>{step === 'register' ? 'Create your account' : 'Check your email'}</h1>
      {step === 'register' ? (
        <form onSubmit={onRegister}>
          <label>
            Email <input name="email" type="email" required />
          </label>
          <label>
            Password <input name="password" type="password" minLength={10} required />
          </label>
          <button type="submit">Sign up</button>
        </form>
      ) : (
        <form onSubmit={onConfirm}>
          <p>We sent a 6-digit code to {credentials.email}.</p>
          <input name="code" inputMode="numeric" pattern="[0-9]{6}" required />
          <button type="submit">Confirm</button>
        </form>
      )}
      {error && <p className="error">{error}</p>}
      <p>
        Already registered? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
