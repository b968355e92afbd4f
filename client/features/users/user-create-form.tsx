import { useState } from 'react';
import type { Role } from '../../../common/auth.ts';
import type { UserScope } from '../../../common/users.ts';
import { FieldError, FormError } from '../../lib/field-error.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { EMPTY_SCOPE, grantableRoles, scopeForRole, type ScopeUnits } from './user-scope.ts';
import { UserScopeFields } from './user-scope-fields.tsx';
import { useUserChange } from './users-api.ts';

export type UserCreateFormProps = {
  token: string;
  managerRole: Role;
  units: ScopeUnits;
  onCreated: (id: number) => void;
};

const FIELDS = ['username', 'displayName', 'role', 'scope', 'password'] as const;

/** Creates a user with a role and scope the manager may give. */
export function UserCreateForm({ token, managerRole, units, onCreated }: UserCreateFormProps) {
  const { t } = useI18n();
  const roles = grantableRoles(managerRole);
  const change = useUserChange(token);
  const [f, setF] = useState({ username: '', displayName: '', password: '' });
  const [role, setRole] = useState<Role>(
    roles.includes('grid_manager') ? 'grid_manager' : roles[0]!,
  );
  const [scope, setScope] = useState<UserScope>(EMPTY_SCOPE);
  const error = change.error?.body ?? null;
  const err = (field: (typeof FIELDS)[number]) => (
    <FieldError error={error} field={field} label={t(`userField.${field}`)} />
  );
  const input = (key: keyof typeof f, type = 'text') => (
    <label>
      {t(`userField.${key}`)}
      <input
        name={key}
        type={type}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        value={f[key]}
        onChange={(e) => setF({ ...f, [key]: e.target.value })}
      />
      {err(key)}
    </label>
  );
  return (
    <form
      className="register-form"
      aria-label={t('registers.user.create')}
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(
          { kind: 'create', body: { ...f, role, scope } },
          { onSuccess: (user) => onCreated(user.id) },
        );
      }}
    >
      <h3 className="panel__eyebrow">{t('registers.user.create')}</h3>
      {input('username')}
      {input('displayName')}
      <label>
        {t('userField.role')}
        <select
          name="role"
          value={role}
          onChange={(e) => {
            const next = e.target.value as Role;
            setRole(next);
            setScope(scopeForRole(next, scope));
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {err('role')}
      </label>
      <UserScopeFields role={role} scope={scope} units={units} onChange={setScope} />
      {err('scope')}
      {input('password', 'password')}
      <button type="submit" disabled={change.isPending}>
        {change.isPending ? t('supervise.form.saving') : t('registers.user.submit')}
      </button>
      <FormError error={error} fields={FIELDS} />
    </form>
  );
}
