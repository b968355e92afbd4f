import type { UserRecord } from '../../../common/users.ts';
import { RecordTable } from '../../lib/record-table.tsx';
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
    <RecordTable
      label={t('registers.tab.users')}
      rows={users}
      id={(u) => u.id}
      rowData={(u) => ({ 'data-user-id': u.id, 'data-username': u.username })}
      nameHeader={t('userField.displayName')}
      name={(u) => u.displayName}
      detail={(u) => u.username}
      columns={[
        { header: t('userField.role'), cell: (u) => t(`role.${u.role}`) },
        { header: t('userField.scope'), cell: (u) => scopeLabel(u.scope, unitNames) || '—' },
        {
          header: t('userField.active'),
          cell: (u) => t(u.active ? 'registers.user.active' : 'registers.user.inactive'),
        },
      ]}
      selectedId={selectedId}
      onSelect={onSelect}
      count={t('registers.user.count', { count: users.length })}
      countTestId="user-count"
    />
  );
}
