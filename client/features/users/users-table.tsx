import type { UserRecord } from '../../../common/users.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { scopeLabel } from './user-scope.ts';

export type UsersTableProps = {
  users: UserRecord[];
  unitNames: ReadonlyMap<string, string>;
  selectedId: number | null;
  onSelect: (id: number) => void;
};

/** The users the signed-in manager may manage, one row each. */
export function UsersTable({ users, unitNames, selectedId, onSelect }: UsersTableProps) {
  const { t } = useI18n();
  return (
    <section className="committee-table register-table" aria-label={t('registers.tab.users')}>
      <div className="committee-table__filters">
        <span className="committee-table__count" data-testid="user-count">
          {t('registers.user.count', { count: users.length })}
        </span>
      </div>
      <div className="committee-table__scroll">
        <table>
          <thead>
            <tr>
              <th>{t('userField.displayName')}</th>
              <th>{t('userField.role')}</th>
              <th>{t('userField.scope')}</th>
              <th>{t('userField.active')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr
                key={u.id}
                data-user-id={u.id}
                data-username={u.username}
                aria-selected={u.id === selectedId}
                onClick={() => onSelect(u.id)}
              >
                <td>
                  <button type="button" className="link-button">
                    {u.displayName}
                  </button>
                  <small>{u.username}</small>
                </td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{scopeLabel(u.scope, unitNames) || '—'}</td>
                <td>{t(u.active ? 'registers.user.active' : 'registers.user.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
