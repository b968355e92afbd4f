import { useI18n } from '../../lib/use-i18n.tsx';
import type { AreaUnit } from './dispatch-area.ts';

export type SelectionToolbarProps = {
  drawing: boolean;
  onDrawToggle: () => void;
  units: AreaUnit[];
  onPickUnit: (unit: AreaUnit) => void;
  /** the unit whose events were selected last (from this list or the map), shown as chosen */
  pickedUnit?: AreaUnit | null;
  onSelectShown: () => void;
  selectedCount: number;
  onClear: () => void;
  /** null for read-only users: no bulk dispatch */
  onBulkDispatch: (() => void) | null;
  /** a remark at the end, e.g. that the account is read-only */
  note?: string | null;
};

const UNIT_GROUPS = [
  { kind: 'street', label: 'select.streets' },
  { kind: 'community', label: 'select.communities' },
  { kind: 'grid', label: 'select.grids' },
] as const;

/** Select events by drawing an area, by grid or community, or the whole queue; then act on them. */
export function SelectionToolbar({
  drawing,
  onDrawToggle,
  units,
  onPickUnit,
  pickedUnit = null,
  onSelectShown,
  selectedCount,
  onClear,
  onBulkDispatch,
  note = null,
}: SelectionToolbarProps) {
  const { t } = useI18n();
  return (
    <div className="panel selection-toolbar" role="toolbar" aria-label={t('select.title')}>
      <button
        type="button"
        className={`button${drawing ? ' button--active' : ''}`}
        aria-pressed={drawing}
        onClick={onDrawToggle}
      >
        <span className="lasso-icon" aria-hidden="true" />
        {drawing ? t('select.cancelDraw') : t('select.draw')}
      </button>
      <select
        className="select"
        value={pickedUnit ? unitKey(pickedUnit) : ''}
        aria-label={t('select.byUnit')}
        onChange={(event) => {
          const unit = units.find((u) => unitKey(u) === event.target.value);
          if (unit) onPickUnit(unit);
        }}
      >
        <option value="">{t('select.byUnit')}</option>
        {UNIT_GROUPS.map(({ kind, label }) => {
          const group = units.filter((u) => u.kind === kind);
          return group.length === 0 ? null : (
            <optgroup key={kind} label={t(label)}>
              {group.map((u) => (
                <option key={u.code} value={unitKey(u)}>
                  {u.name}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      <button type="button" className="button" onClick={onSelectShown}>
        {t('select.allShown')}
      </button>
      {selectedCount > 0 && (
        <>
          <span className="selection-toolbar__count" role="status">
            {t('select.count', { count: selectedCount })}
          </span>
          {onBulkDispatch && (
            <button type="button" className="button button--primary" onClick={onBulkDispatch}>
              {t('select.bulkDispatch')}
            </button>
          )}
          <button type="button" className="button button--ghost" onClick={onClear}>
            {t('select.clear')}
          </button>
        </>
      )}
      {drawing && <span className="selection-toolbar__hint">{t('select.drawing')}</span>}
      {note && <span className="selection-toolbar__note">{note}</span>}
    </div>
  );
}

function unitKey(unit: Pick<AreaUnit, 'kind' | 'code'>): string {
  return `${unit.kind}:${unit.code}`;
}
