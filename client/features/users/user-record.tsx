import { useState } from 'react';
import type { Role } from '../../../common/auth.ts';
import type { UserRecord, UserScope } from '../../../common/users.ts';
import { FieldError, FormError } from '../../lib/field-error.tsx';
import { RegisterHistory } from '../../lib/register-history.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { grantableRoles, scopeForRole, scopeLabel, type ScopeUnits } from './user-scope.ts';
import { UserScopeFields } from './user-scope-fields.tsx';
import { useUserChange, useUserHistory } from './users-api.ts';

export type UserRecordViewProps = {
  token: string;
  user: UserRecord;
  managerRole: Role;
  /** the signed-in manager: they neither deactivate themselves nor change their own role */
  self: boolean;
  units: ScopeUnits;
  unitNames: ReadonlyMap<string, string>;
};

const FIELDS = ['displayName', 'role', 'scope', 'active'] as const;
const HISTORY_FIELDS = new Set(['displayName', 'role', 'scope', 'active']);

/** One user: change their role and scope, deactivate or reactivate them, and their history. */
export function UserRecordView({
  token,
  user,
  managerRole,
  self,
  units,
  unitNames,
}: UserRecordViewProps) {
  const { t } = useI18n();
  const change = useUserChange(token);
  const history = useUserHistory(token, user.id);
  const roles = grantableRoles(managerRole);
  const [role, setRole] = useState<Role>(user.role);
  const [scope, setScope] = useState<UserScope>(user.scope);
  const error = change.error?.body ?? null;
  const edit = (body: Record<string, unknown>) =>
    change.mutate({ kind: 'edit', id: user.id, body: { version: user.version, ...body } });
  const valueOf = (field: string, value: unknown) => {
    if (field === 'role') return t(`role.${value as Role}`);
    if (field === 'active') return t(value ? 'registers.user.active' : 'registers.user.inactive');
    if (field === 'scope') return scopeLabel(value as UserScope, unitNames) || '—';
    return String(value ?? '—');
  };
  return (
    <section className="register-record" data-user-id={user.id} data-version={user.version}>
      <h2 className="side-panel__title">
        {user.displayName} <small>{user.username}</small>
      </h2>
      <p data-testid="user-state">
        {t(user.active ? 'registers.user.active' : 'registers.user.inactive')} ·{' '}
        {t(`role.${user.role}`)} · {scopeLabel(user.scope, unitNames) || '—'}
      </p>
      <form
        className="register-form"
        aria-label={t('registers.user.change')}
        onSubmit={(e) => {
          e.preventDefault();
          edit({ role, scope });
        }}
      >
        <label>
          {t('userField.role')}
          <select
            name="role"
            value={role}
            disabled={self}
            onChange={(e) => {
              const next = e.target.value as Role;
              setRole(next);
              setScope(scopeForRole(next, scope));
            }}
          >
            {(roles.includes(user.role) ? roles : [user.role, ...roles]).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <FieldError error={error} field="role" label={t('userField.role')} />
        </label>
        <UserScopeFields role={role} scope={scope} units={units} onChange={setScope} />
        <FieldError error={error} field="scope" label={t('userField.scope')} />
        <button type="submit" disabled={change.isPending}>
          {t('registers.user.saveRole')}
        </button>
      </form>
      {!self && (
        <button
          type="button"
          className={user.active ? 'button--danger' : undefined}
          disabled={change.isPending}
          onClick={() => edit({ active: !user.active })}
        >
          {t(user.active ? 'registers.user.deactivate' : 'registers.user.reactivate')}
        </button>
      )}
      <FormError error={error} fields={FIELDS} />
      <RegisterHistory
        history={history}
        labelOf={(k) => (HISTORY_FIELDS.has(k) ? t(`userField.${k as 'role'}`) : null)}
        valueOf={valueOf}
      />
    </section>
  );
}
