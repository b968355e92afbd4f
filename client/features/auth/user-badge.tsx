import type { SessionUser } from '../../../common/auth.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type UserBadgeProps = { user: SessionUser; onLogout: () => void };

/** Who is signed in, with their role, and the sign-out button. */
export function UserBadge({ user, onLogout }: UserBadgeProps) {
  const { t } = useI18n();
  const role = t(`role.${user.role}`);
  // demo accounts are often named after their role; say it once
  const label = user.displayName === role ? role : t('auth.user', { name: user.displayName, role });
  return (
    <span className="user-badge">
      <span className="user-badge__avatar" aria-hidden="true">
        {[...user.displayName][0] ?? '?'}
      </span>
      <span className="user-badge__name">{label}</span>
      <button type="button" className="button button--ghost" onClick={onLogout}>
        {t('auth.logout')}
      </button>
    </span>
  );
}
