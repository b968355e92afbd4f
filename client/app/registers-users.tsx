import { useState } from 'react';
import type { SessionUser } from '../../common/auth.ts';
import { UserCreateForm } from '../features/users/user-create-form.tsx';
import { UserRecordView } from '../features/users/user-record.tsx';
import type { ScopeUnits } from '../features/users/user-scope.ts';
import { useUsers } from '../features/users/users-api.ts';
import { UsersTable } from '../features/users/users-table.tsx';
import { useI18n } from '../lib/use-i18n.tsx';

export type UsersPanelProps = {
  token: string;
  user: SessionUser;
  units: ScopeUnits;
  names: ReadonlyMap<string, string>;
};

/** The users tab: those the admin may manage, then the selected user or the new-user form. */
export function UsersPanel({ token, user, units, names }: UsersPanelProps) {
  const { t } = useI18n();
  const users = useUsers(token);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  if (users.status === 'loading') return <p className="panel__status">{t('app.loading')}</p>;
  if (users.status === 'error') {
    return (
      <p className="panel__status panel__status--error" role="alert">
        {t('supervise.loadFailed', { message: users.error.message })}
      </p>
    );
  }
  const selected = users.data.find((u) => u.id === selectedId);
  return (
    <>
      <UsersTable
        users={users.data}
        unitNames={names}
        selectedId={selectedId}
        onSelect={setSelectedId}
      />
      {selected ? (
        <div className="register-panel__record">
          <button type="button" className="link-button" onClick={() => setSelectedId(null)}>
            {t('registers.user.new')}
          </button>
          <UserRecordView
            key={`${selected.id}-${selected.version}`}
            token={token}
            user={selected}
            managerRole={user.role}
            self={selected.id === user.id}
            units={units}
            unitNames={names}
          />
        </div>
      ) : (
        <UserCreateForm
          token={token}
          managerRole={user.role}
          units={units}
          onCreated={setSelectedId}
        />
      )}
    </>
  );
}
