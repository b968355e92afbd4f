import { useMemo, useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import type { CommitteeCompliance } from '../../common/committees.ts';
import { featureBounds } from '../../geometry/bounds.ts';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { CommitteeChangeForm } from '../features/committees/committee-change-form.tsx';
import { CommitteeFileView } from '../features/committees/committee-file-view.tsx';
import { CommitteeTable } from '../features/committees/committee-table.tsx';
import {
  useCommitteeFile,
  useCommitteeList,
  useDueDuties,
  type CommitteeFilters,
} from '../features/committees/committees-api.ts';
import { DueList } from '../features/committees/due-list.tsx';
import { SupervisionGroupPanel } from '../features/committees/supervision-group.tsx';
import { useCompoundsLayer } from '../features/compounds/compounds-api.ts';
import { ReportReminder } from '../features/ledgers/report-reminder.tsx';
import { useI18n } from '../lib/use-i18n.tsx';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { AppHeader } from './app-header.tsx';
import { LoginGate } from './login-gate.tsx';
import { MapStatus } from './map-status.tsx';
import { SuperviseMap } from './supervise-map.tsx';
import { useReadyState } from './use-ready-state.ts';

const WRITERS = new Set(['district_admin', 'street_admin', 'community_admin']);

/** /supervise: owners' committees of the signed-in admin's area (三(一), 三(三)). */
export function SupervisePage() {
  const { t } = useI18n();
  return (
    <LoginGate
      header={<AppHeader page="supervise" />}
      title={t('supervise.loginTitle')}
      subtitle={t('supervise.loginSubtitle')}
    >
      {({ session, signOut }) => (
        <SuperviseWorkspace key={session.token} session={session} onSignOut={signOut} />
      )}
    </LoginGate>
  );
}

type SuperviseWorkspaceProps = {
  session: LoginResult;
  onSignOut: (reason?: SessionEndReason) => void;
};

function SuperviseWorkspace({ session, onSignOut }: SuperviseWorkspaceProps) {
  const { t } = useI18n();
  const { token, user } = session;
  const [filters, setFilters] = useState<CommitteeFilters>({});
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const list = useCommitteeList(token, filters);
  const everything = useCommitteeList(token, {});
  const due = useDueDuties(token);
  const file = useCommitteeFile(token, selectedId);
  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities');
  const compounds = useCompoundsLayer();

  const inArea = useMemo(
    () => (everything.status === 'ready' ? everything.data.committees : []),
    [everything],
  );
  const areaIds = useMemo(() => new Set(inArea.map((c) => c.compoundId)), [inArea]);
  const areaCompounds = useMemo(
    () =>
      compounds.status === 'ready'
        ? compounds.data.features.filter((f) => areaIds.has(f.properties.id))
        : [],
    [compounds, areaIds],
  );
  const compliance = useMemo(
    () =>
      new Map<number, CommitteeCompliance>(
        list.status === 'ready'
          ? list.data.committees.map((c) => [c.compoundId, c.compliance])
          : [],
      ),
    [list],
  );
  const communityOptions = useMemo(() => {
    const seen = new Map(inArea.map((c) => [c.communityCode, c.communityName]));
    return [...seen].map(([code, name]) => ({ code, name }));
  }, [inArea]);
  const bounds = useMemo(() => featureBounds(areaCompounds), [areaCompounds]);
  const layers = [district, streets, communities, compounds, everything];
  const allLoaded = layers.every((l) => l.status === 'ready');
  const failure = layers.find((l) => l.status === 'error');
  const ready = useReadyState(allLoaded && bounds !== null, failure !== undefined);
  const geojson = useMemo(
    () => ({
      district: district.status === 'ready' ? district.data : undefined,
      streets: streets.status === 'ready' ? streets.data : undefined,
      communities: communities.status === 'ready' ? communities.data : undefined,
    }),
    [district, streets, communities],
  );

  return (
    <>
      <AppHeader
        page="supervise"
        tools={<UserBadge user={user} onLogout={() => onSignOut('logout')} />}
      />
      <main className="supervise">
        <div className="supervise__map">
          <SuperviseMap
            label={t('supervise.map')}
            state={ready.state}
            geojson={geojson}
            bounds={bounds}
            compounds={areaCompounds}
            compliance={compliance}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onFitted={ready.onFitted}
            onAfterRender={ready.onAfterRender}
          />
          <MapStatus state={ready.state} failure={failure} />
        </div>
        <div className="supervise__side panel">
          <ReportReminder token={token} user={user} />
          {list.status === 'error' && (
            <p className="panel__status panel__status--error" role="alert">
              {t('supervise.loadFailed', { message: list.error.message })}
            </p>
          )}
          {list.status === 'loading' && <p className="panel__status">{t('supervise.loading')}</p>}
          {list.status === 'ready' && (
            <CommitteeTable
              committees={list.data.committees}
              communities={communityOptions}
              filters={filters}
              onFilters={setFilters}
              selectedId={selectedId}
              onSelect={setSelectedId}
            />
          )}
          <DueList due={due} onSelect={setSelectedId} />
        </div>
        <div className="supervise__file panel">
          {selectedId === null && <p className="panel__status">{t('supervise.selectHint')}</p>}
          {selectedId !== null && file.status === 'loading' && (
            <p className="panel__status">{t('supervise.loading')}</p>
          )}
          {selectedId !== null && file.status === 'error' && (
            <p className="panel__status panel__status--error" role="alert">
              {t('supervise.loadFailed', { message: file.error.message })}
            </p>
          )}
          {selectedId !== null && file.status === 'ready' && (
            <CommitteeFileView file={file.data}>
              {WRITERS.has(user.role) ? (
                <>
                  <CommitteeChangeForm key={file.data.compoundId} token={token} file={file.data} />
                  <SupervisionGroupPanel
                    key={`group-${file.data.compoundId}`}
                    file={file.data}
                    token={token}
                  />
                </>
              ) : (
                <>
                  <p className="panel__note">{t('supervise.readOnly')}</p>
                  <SupervisionGroupPanel file={file.data} />
                </>
              )}
            </CommitteeFileView>
          )}
        </div>
      </main>
    </>
  );
}
