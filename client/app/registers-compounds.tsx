import type { LoginResult } from '../../common/auth.ts';
import type { CompoundFeature } from '../../common/api.ts';
import { useEnterprises } from '../features/bundling/bundling-api.ts';
import { CompoundCreateForm } from '../features/compounds/compound-create-form.tsx';
import type { CompoundFilters } from '../features/compounds/compound-filter.ts';
import { useCompoundChange } from '../features/compounds/compound-register-api.ts';
import { CompoundRecord } from '../features/compounds/compound-record.tsx';
import { CompoundRegisterTable } from '../features/compounds/compound-register-table.tsx';
import { useCompoundDetail } from '../features/compounds/compounds-api.ts';
import type { CompoundDraft } from '../features/compounds/use-compound-draft.ts';
import type { ScopeUnits } from '../features/users/user-scope.ts';
import { useI18n } from '../lib/use-i18n.tsx';

export type CompoundsPanelProps = {
  session: LoginResult;
  compounds: CompoundFeature[];
  units: ScopeUnits;
  names: ReadonlyMap<string, string>;
  filters: CompoundFilters;
  onFilters: (filters: CompoundFilters) => void;
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  draft: CompoundDraft;
  drawing: boolean;
  onDraw: () => void;
};

/** The compounds tab: the filtered table, then the selected compound's record or the new-compound form. */
export function CompoundsPanel(props: CompoundsPanelProps) {
  const { t } = useI18n();
  const { token } = props.session;
  const enterprises = useEnterprises(token);
  const detail = useCompoundDetail(props.selectedId, token);
  const create = useCompoundChange(token);
  const enterpriseOptions = enterprises.status === 'ready' ? enterprises.data : [];
  return (
    <>
      <CompoundRegisterTable
        compounds={props.compounds}
        streets={props.units.streets}
        communities={props.units.communities}
        communityName={(code) => (code ? (props.names.get(code) ?? code) : '')}
        filters={props.filters}
        onFilters={props.onFilters}
        selectedId={props.selectedId}
        onSelect={props.onSelect}
      />
      {props.selectedId === null ? (
        <CompoundCreateForm
          draft={props.draft}
          communities={props.units.communities}
          enterprises={enterpriseOptions}
          drawing={props.drawing}
          onDraw={props.onDraw}
          pending={create.isPending}
          error={create.error?.body ?? null}
          onSubmit={() =>
            create.mutate(
              { kind: 'create', body: props.draft.body() },
              {
                onSuccess: (created) => {
                  props.draft.reset();
                  if (created) props.onSelect(created.id);
                },
              },
            )
          }
        />
      ) : (
        <div className="register-panel__record">
          <button type="button" className="link-button" onClick={() => props.onSelect(null)}>
            {t('registers.compound.new')}
          </button>
          {detail.status === 'ready' && (
            <CompoundRecord
              key={detail.data.id}
              token={token}
              compound={detail.data}
              enterprises={enterpriseOptions}
              onRetired={() => props.onSelect(null)}
            />
          )}
          {detail.status === 'error' && (
            <p className="panel__status panel__status--error" role="alert">
              {t('supervise.loadFailed', { message: detail.error.message })}
            </p>
          )}
        </div>
      )}
    </>
  );
}
