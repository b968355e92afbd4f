import { useState } from 'react';
import type { Role } from '../../../common/auth.ts';
import type { UserScope } from '../../../common/users.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { EMPTY_SCOPE, type ScopeUnits } from './user-scope.ts';

export type UserScopeFieldsProps = {
  role: Role;
  scope: UserScope;
  units: ScopeUnits;
  onChange: (scope: UserScope) => void;
};

/** The scope fitting the role: a street, a community, or a community's grids; nothing otherwise. */
export function UserScopeFields({ role, scope, units, onChange }: UserScopeFieldsProps) {
  const { t } = useI18n();
  const gridCommunity = units.grids.find((g) => g.code === scope.grids[0])?.communityCode;
  const [community, setCommunity] = useState(gridCommunity ?? units.communities[0]?.code ?? '');
  if (role === 'street_admin') {
    return (
      <label>
        {t('userField.street')}
        <select
          name="scopeStreet"
          value={scope.streets[0] ?? ''}
          onChange={(e) =>
            onChange({ ...EMPTY_SCOPE, streets: e.target.value ? [e.target.value] : [] })
          }
        >
          <option value="">{t('registers.choose')}</option>
          {units.streets.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (role !== 'community_admin' && role !== 'grid_manager') {
    return <p className="panel__note">{t('registers.user.districtWide')}</p>;
  }
  const communityPicker = (value: string, pick: (code: string) => void) => (
    <label>
      {t('userField.community')}
      <select name="scopeCommunity" value={value} onChange={(e) => pick(e.target.value)}>
        <option value="">{t('registers.choose')}</option>
        {units.communities.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  if (role === 'community_admin') {
    return communityPicker(scope.communities[0] ?? '', (code) =>
      onChange({ ...EMPTY_SCOPE, communities: code ? [code] : [] }),
    );
  }
  const grids = units.grids.filter((g) => g.communityCode === community);
  return (
    <>
      {communityPicker(community, (code) => {
        setCommunity(code);
        onChange(EMPTY_SCOPE);
      })}
      <fieldset className="register-form__grids">
        <legend>{t('userField.grids')}</legend>
        {grids.map((g) => (
          <label key={g.code} className="checkbox">
            <input
              type="checkbox"
              name="scopeGrid"
              value={g.code}
              checked={scope.grids.includes(g.code)}
              onChange={(e) =>
                onChange({
                  ...EMPTY_SCOPE,
                  grids: e.target.checked
                    ? [...scope.grids, g.code]
                    : scope.grids.filter((c) => c !== g.code),
                })
              }
            />
            {g.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}
