import { useCallback, useMemo, useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import type { Position } from '../../common/geo.ts';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { PasswordForm } from '../features/auth/password-form.tsx';
import { filterCompounds, type CompoundFilters } from '../features/compounds/compound-filter.ts';
import { useCompoundDraft } from '../features/compounds/use-compound-draft.ts';
import type { MessageKey } from '../lib/i18n.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { AppHeader } from './app-header.tsx';
import { LoginGate } from './login-gate.tsx';
import { MapStatus } from './map-status.tsx';
import { CompoundsPanel } from './registers-compounds.tsx';
import { RegistersMap } from './registers-map.tsx';
import { StationsPanel } from './registers-stations.tsx';
import { UsersPanel } from './registers-users.tsx';
import { useReadyState } from './use-ready-state.ts';
import { useRegisterArea } from './use-register-area.ts';

const KEEPERS = new Set(['district_admin', 'street_admin', 'community_admin']);
const TABS = ['compounds', 'stations', 'users', 'password'] as const;
type Tab = (typeof TABS)[number];

/** /registers: the compound, station and user registers of the signed-in admin's area. */
export function RegistersPage() {
  const { t } = useI18n();
  return (
    <LoginGate
      header={<AppHeader page="registers" />}
      title={t('registers.loginTitle')}
      subtitle={t('registers.loginSubtitle')}
    >
      {({ session, signOut }) => (
        <RegistersWorkspace key={session.token} session={session} onSignOut={signOut} />
      )}
    </LoginGate>
  );
}

type WorkspaceProps = {
  session: LoginResult;
  onSignOut: (reason?: SessionEndReason) => void;
};

function RegistersWorkspace({ session, onSignOut }: WorkspaceProps) {
  const { t } = useI18n();
  const { user, token } = session;
  const keeper = KEEPERS.has(user.role);
  const [tab, setTab] = useState<Tab>(keeper ? 'compounds' : 'password');
  const area = useRegisterArea(user.scope);
  const [filters, setFilters] = useState<CompoundFilters>({});
  const [compoundId, setCompoundId] = useState<number | null>(null);
  const [stationId, setStationId] = useState<number | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [placing, setPlacing] = useState(false);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const draft = useCompoundDraft(area.units.communities[0]?.code ?? '');
  const shown = useMemo(() => filterCompounds(area.compounds, filters), [area.compounds, filters]);
  const ready = useReadyState(area.loaded && area.bounds !== null, area.failure !== undefined);
  const { fromDrawing } = draft;
  const onDrawComplete = useCallback(
    (ring: Position[]) => {
      setDrawing(false);
      fromDrawing(ring);
    },
    [fromDrawing],
  );
  const onDrawCancel = useCallback(() => setDrawing(false), []);
  const onPlace = useCallback((at: [number, number]) => {
    setPlacing(false);
    setPoint(at);
  }, []);
  const tabs = keeper ? TABS : (['password'] as const);

  return (
    <>
      <AppHeader
        page="registers"
        tools={<UserBadge user={user} onLogout={() => onSignOut('logout')} />}
      />
      <main className="registers">
        <div className="registers__map">
          <RegistersMap
            label={t('registers.map')}
            state={ready.state}
            geojson={area.geojson}
            bounds={area.bounds}
            compounds={tab === 'compounds' ? shown : area.compounds}
            stations={area.stations}
            selectedCompoundId={compoundId}
            selectedStationId={stationId}
            drawing={drawing}
            onDrawComplete={onDrawComplete}
            onDrawCancel={onDrawCancel}
            pendingPolygon={tab === 'compounds' && compoundId === null ? draft.geometry : null}
            placing={placing}
            onPlace={onPlace}
            pendingPoint={tab === 'stations' && stationId === null ? point : null}
            onSelectCompound={(id) => {
              setTab('compounds');
              setCompoundId(id);
            }}
            onSelectStation={(id) => {
              setTab('stations');
              setStationId(id);
            }}
            onFitted={ready.onFitted}
            onAfterRender={ready.onAfterRender}
          />
          <MapStatus state={ready.state} failure={area.failure} />
          {(drawing || placing) && (
            <p className="registers__hint" role="status">
              {t(drawing ? 'registers.compound.drawHint' : 'registers.station.placeHint')}
            </p>
          )}
        </div>
        <div className="registers__side panel">
          <nav className="registers__tabs" role="tablist" aria-label={t('registers.title')}>
            {tabs.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                onClick={() => setTab(name)}
              >
                {t(`registers.tab.${name}` as MessageKey)}
              </button>
            ))}
          </nav>
          {!keeper && (
            <p className="panel__status" role="note" data-testid="no-access">
              {t('registers.noAccess', { role: t(`role.${user.role}`) })}
            </p>
          )}
          {tab === 'compounds' && (
            <CompoundsPanel
              session={session}
              compounds={shown}
              units={area.units}
              names={area.names}
              filters={filters}
              onFilters={setFilters}
              selectedId={compoundId}
              onSelect={setCompoundId}
              draft={draft}
              drawing={drawing}
              onDraw={() => setDrawing(true)}
            />
          )}
          {tab === 'stations' && (
            <StationsPanel
              token={token}
              stations={area.stations}
              names={area.names}
              selectedId={stationId}
              onSelect={(id) => {
                setStationId(id);
                if (id !== null) setPoint(null);
              }}
              location={point}
              placing={placing}
              onPlace={() => setPlacing(true)}
            />
          )}
          {tab === 'users' && (
            <UsersPanel token={token} user={user} units={area.units} names={area.names} />
          )}
          {tab === 'password' && (
            <PasswordForm token={token} onChanged={() => onSignOut('password')} />
          )}
        </div>
      </main>
    </>
  );
}
