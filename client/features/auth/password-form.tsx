import { useState } from 'react';
import { FieldError, FormError, type ApiErrorBody } from '../../lib/field-error.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { changeOwnPassword } from './auth-api.ts';

export type PasswordFormProps = {
  token: string;
  /** the password changed: every session ended, this one too */
  onChanged: () => void;
};

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Any user changes their own password (the current one required), then logs in again. */
export function PasswordForm({ token, onChanged }: PasswordFormProps) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  return (
    <form
      className="register-form"
      aria-label={t('registers.password.title')}
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const result = await changeOwnPassword(token, current, next);
        setPending(false);
        if ('error' in result) setError(result.error);
        else onChanged();
      }}
    >
      <h3 className="panel__eyebrow">{t('registers.password.title')}</h3>
      <p className="panel__note">{t('registers.password.note')}</p>
      {FIELDS.map((field) => (
        <label key={field}>
          {t(`passwordField.${field}`)}
          <input
            name={field}
            type="password"
            autoComplete={field === 'newPassword' ? 'new-password' : 'current-password'}
            value={field === 'currentPassword' ? current : next}
            onChange={(e) => (field === 'currentPassword' ? setCurrent : setNext)(e.target.value)}
          />
          <FieldError error={error} field={field} label={t(`passwordField.${field}`)} />
        </label>
      ))}
      <button type="submit" disabled={pending}>
        {pending ? t('supervise.form.saving') : t('registers.password.submit')}
      </button>
      <FormError error={error} fields={FIELDS} />
    </form>
  );
}
