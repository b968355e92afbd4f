import { useState, type FormEvent } from 'react';
import type { LoginResult } from '../../../common/auth.ts';
import type { SessionEndReason } from '../../lib/use-session.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { login } from './auth-api.ts';

export type LoginFormProps = {
  onSignedIn: (session: LoginResult) => void;
  /** why the previous session ended, shown above the form */
  endedBecause?: SessionEndReason | null;
  /** the card's heading and line under it; the dispatch console's by default */
  title?: string;
  subtitle?: string;
};

/** The sign-in card of the dispatch and planning pages. */
export function LoginForm({ onSignedIn, endedBecause = null, title, subtitle }: LoginFormProps) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await login(username.trim(), password);
    setPending(false);
    if ('data' in result) {
      onSignedIn(result.data);
    } else {
      setError(
        result.error.code === 'unauthorized'
          ? t('auth.wrongCredentials')
          : t('auth.failed', { message: result.error.message }),
      );
    }
  };

  const notice =
    endedBecause === 'expired'
      ? t('auth.expired')
      : endedBecause === 'logout'
        ? t('auth.loggedOut')
        : endedBecause === 'password'
          ? t('auth.passwordChanged')
          : null;
  return (
    <div className="login">
      <form className="panel login__card" onSubmit={onSubmit} aria-labelledby="login-title">
        <div className="login__brand">
          <span className="app-header__emblem" aria-hidden="true">
            ★
          </span>
          <div>
            <h2 id="login-title" className="login__title">
              {title ?? t('auth.title')}
            </h2>
            <p className="login__subtitle">{subtitle ?? t('auth.subtitle')}</p>
          </div>
        </div>
        {notice && <p className="login__notice">{notice}</p>}
        <label className="form-field">
          <span className="form-field__label">{t('auth.username')}</span>
          <input
            className="input"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">{t('auth.password')}</span>
          <input
            className="input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary login__submit" disabled={pending}>
          {pending ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </div>
  );
}
