import type { CommitteeCompliance } from '../../../common/committees.ts';
import type { ReactNode } from 'react';
import type { CompoundDetail } from '../../../common/api.ts';
import { formatDistance } from '../../lib/i18n.ts';
import { COVERAGE_MODE_COLORS, STATION_KIND_COLORS, toCssColor } from '../../lib/theme.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { SidePanelHeader } from '../../lib/side-panel-header.tsx';

// the server's verdict on the plan's rules (server/committees/committee-rules.ts)
const COMPLIANCE_CLASS: Record<CommitteeCompliance, string> = {
  meets: 'check check--ok',
  to_raise: 'check',
  breach: 'check check--fail',
  not_formed: 'check',
};

export type CompoundPanelProps = {
  /** the name from the map layer, shown while the detail loads */
  name: string | null;
  detail: ApiState<CompoundDetail>;
  onClose: () => void;
};

/** The side panel of the selected compound (GET /api/compounds/{id}). */
export function CompoundPanel({ name, detail, onClose }: CompoundPanelProps) {
  const { t } = useI18n();
  const heading = detail.status === 'ready' ? detail.data.name : name;
  return (
    <aside className="panel side-panel" role="complementary" aria-label={t('compound.panelLabel')}>
      <SidePanelHeader
        eyebrow={t('compound.panelLabel')}
        title={heading}
        closeLabel={t('compound.close')}
        onClose={onClose}
      />
      {detail.status === 'loading' && <p className="panel__status">{t('compound.loading')}</p>}
      {detail.status === 'error' && (
        <p className="panel__status panel__status--error" role="alert">
          {t('app.loadFailed', { message: detail.error.message })}
        </p>
      )}
      {detail.status === 'ready' && <CompoundDetailBody detail={detail.data} />}
    </aside>
  );
}

function CompoundDetailBody({ detail }: { detail: CompoundDetail }) {
  const { t } = useI18n();
  const committee = detail.ownersCommittee;
  const station = detail.nearestStation;
  const modeColor = toCssColor(COVERAGE_MODE_COLORS[detail.coverageMode]);
  return (
    <div className="side-panel__body">
      <div className="badges">
        <span className={`badge badge--${detail.coverageMode}`} style={{ borderColor: modeColor }}>
          <span className="badge__dot" style={{ background: modeColor }} />
          {t(`coverageMode.${detail.coverageMode}`)}
        </span>
        {detail.longTermManaged && (
          <span className="badge badge--ok">{t('compound.longTermManaged')}</span>
        )}
      </div>

      <div className="stat-tiles">
        <StatTile
          label={t('compound.households')}
          value={t('unit.households', { count: detail.households })}
        />
        <StatTile
          label={t('compound.buildings')}
          value={t('unit.buildings', { count: detail.buildings })}
        />
        <StatTile label={t('compound.yearBuilt')} value={String(detail.yearBuilt)} />
        <StatTile
          label={t('compound.area')}
          value={t('unit.squareMeters', { value: Math.round(detail.areaM2) })}
        />
      </div>

      <Section title={t('compound.location')}>
        <dl className="fields">
          <Field label={t('compound.street')}>{detail.street.name}</Field>
          <Field label={t('compound.community')}>{detail.community.name}</Field>
          <Field label={t('compound.grid')}>{detail.grid.name}</Field>
        </dl>
      </Section>

      <Section title={t('compound.service')}>
        <dl className="fields">
          <Field label={t('compound.coverageMode')}>
            {t(`coverageMode.${detail.coverageMode}`)}
          </Field>
          <Field label={t('compound.enterprise')}>
            {detail.enterprise ? (
              <>
                {detail.enterprise.name}
                <span className="field__sub">
                  {t('compound.creditCode')} {detail.enterprise.creditCode}
                </span>
              </>
            ) : (
              t('common.none')
            )}
          </Field>
          <Field label={t('compound.longTermManaged')}>
            {detail.longTermManaged ? t('common.yes') : t('common.no')}
          </Field>
        </dl>
      </Section>

      <Section title={t('compound.committee')}>
        {committee ? (
          <dl className="fields">
            <Field label={t('compound.committeeStatus')}>
              {t(`committeeStatus.${committee.status}`)}
            </Field>
            <Field label={t('compound.members')}>{committee.members}</Field>
            <Field label={t('compound.ownerMembers')}>{committee.ownerMembers}</Field>
            <Field label={t('compound.partyMembers')}>{committee.partyMembers}</Field>
            <Field label={t('compound.compliance')}>
              <span className={COMPLIANCE_CLASS[committee.compliance]}>
                {t(`compliance.${committee.compliance}`)}
              </span>
            </Field>
            {committee.termStart && (
              <Field label={t('compound.term')}>
                {committee.termStart} – {committee.termEnd ?? ''}
              </Field>
            )}
          </dl>
        ) : (
          <p className="panel__status">{t('compound.noCommittee')}</p>
        )}
      </Section>

      <Section title={t('compound.nearestStation')}>
        {station ? (
          <div className="station-card">
            <span
              className="station-card__marker"
              style={{
                background: toCssColor(STATION_KIND_COLORS[station.kind].fill),
                borderColor: toCssColor(STATION_KIND_COLORS[station.kind].line),
              }}
              aria-hidden="true"
            />
            <div>
              <div className="station-card__name">{station.name}</div>
              <div className="station-card__meta">
                {t(`stationKind.${station.kind}`)} ·{' '}
                {t('compound.distance', { distance: formatDistance(t, station.distanceM) })}
              </div>
            </div>
          </div>
        ) : (
          <p className="panel__status">{t('compound.noStation')}</p>
        )}
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h3 className="detail-section__title">{title}</h3>
      {children}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt className="field__label">{label}</dt>
      <dd className="field__value">{children}</dd>
    </div>
  );
}

function StatTile({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat-tile">
      <div className="stat-tile__value">{value}</div>
      <div className="stat-tile__label">{label}</div>
    </div>
  );
}
