import { useMemo, useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import { featureBounds } from '../../geometry/bounds.ts';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { useCompoundsLayer } from '../features/compounds/compounds-api.ts';
import { EnterpriseFileView } from '../features/enterprises/enterprise-file-view.tsx';
import { EnterpriseTable } from '../features/enterprises/enterprise-table.tsx';
import {
  useDraws,
  useEnterpriseFile,
  useEnterpriseRegister,
  useRedBlackLists,
} from '../features/enterprises/enterprises-api.ts';
import { InspectionPanel } from '../features/enterprises/inspection-panel.tsx';
import { ListPanel } from '../features/enterprises/list-panel.tsx';
import { useI18n } from '../lib/use-i18n.tsx';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { AppHeader } from './app-header.tsx';
import { EnterprisesMap } from './enterprises-map.tsx';
import { LoginGate } from './login-gate.tsx';
import { MapStatus } from './map-status.tsx';
import { useReadyState } from './use-ready-state.ts';

const READERS = new Set(['district_admin', 'operator', 'street_admin', 'community_admin']);

/** The quarter a day falls in, China time, e.g. 2026Q4: the period proposed for draws and lists. */
export function currentPeriod(now: Date): string {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  return `${china.getUTCFullYear()}Q${Math.floor(china.getUTCMonth() / 3) + 1}`;
}

/**
 * /enterprises: the housing bureau's supervision of property enterprises (三(四), 三(五)); streets and
 * communities read; an enterprise's own user sees its own file and answers its interviews.
 */
export function EnterprisesPage() {
  const { t } = useI18n();
  return (
    <LoginGate
      header={<AppHeader page="enterprises" />}
      title={t('ent.loginTitle')}
      subtitle={t('ent.loginSubtitle')}
    >
      {({ session, signOut }) => (
        <EnterprisesWorkspace key={session.token} session={session} onSignOut={signOut} />
      )}
    </LoginGate>
  );
}

type WorkspaceProps = { session: LoginResult; onSignOut: (reason?: SessionEndReason) => void };

function EnterprisesWorkspace({ session, onSignOut }: WorkspaceProps) {
  const { t } = useI18n();
  const { token, user } = session;
  const own = user.role === 'enterprise' ? (user.scope.enterpriseId ?? null) : null;
  const reads = READERS.has(user.role);
  const keeps = user.role === 'district_admin';
  const [picked, setPicked] = useState<number | null>(null);
  const selectedId = own ?? picked;
  const register = useEnterpriseRegister(token, reads);
  const file = useEnterpriseFile(token, selectedId);
  const draws = useDraws();
  const lists = useRedBlackLists();
  const map = useEnterprisesMapData(file.status === 'ready' ? file.data : null);
  const [period] = useState(() => currentPeriod(new Date()));
  const enterprises = register.status === 'ready' ? register.data : [];

  return (
    <>
      <AppHeader
        page="enterprises"
        tools={<UserBadge user={user} onLogout={() => onSignOut('logout')} />}
      />
      <main className="enterprises">
        <div className="enterprises__map">
          <EnterprisesMap label={t('ent.map')} {...map.props} />
          <MapStatus state={map.props.state} failure={map.failure} />
        </div>
        <div className="enterprises__side panel">
          {!reads && own === null && <p className="panel__status">{t('ent.noAccess')}</p>}
          {register.status === 'error' && (
            <p className="panel__status panel__status--error" role="alert">
              {t('ent.loadFailed', { message: register.error.message })}
            </p>
          )}
          {reads && register.status === 'ready' && (
            <EnterpriseTable
              enterprises={enterprises}
              selectedId={selectedId}
              onSelect={setPicked}
            />
          )}
          {keeps && (
            <InspectionPanel
              token={token}
              draws={draws}
              enterprises={enterprises}
              period={period}
            />
          )}
          <ListPanel lists={lists} token={keeps ? token : null} period={period} />
        </div>
        <div className="enterprises__file panel">
          {selectedId === null && <p className="panel__status">{t('ent.selectHint')}</p>}
          {selectedId !== null && file.status === 'loading' && (
            <p className="panel__status">{t('ent.loading')}</p>
          )}
          {selectedId !== null && file.status === 'error' && (
            <p className="panel__status panel__status--error" role="alert">
              {t('ent.loadFailed', { message: file.error.message })}
            </p>
          )}
          {file.status === 'ready' && (
            <EnterpriseFileView
              token={token}
              file={file.data}
              answers={own !== null}
              keeps={keeps}
              role={user.role}
              ownUnit={user.scope.streets[0] ?? user.scope.communities[0] ?? null}
            />
          )}
        </div>
      </main>
    </>
  );
}

// the map's layers, bounds (the district) and readiness; the file's compounds carry their stars
function useEnterprisesMapData(file: { compounds: { id: number; stars: number }[] } | null) {
  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const compounds = useCompoundsLayer();
  const layers = [district, streets, compounds];
  const failure = layers.find((l) => l.status === 'error');
  const bounds = useMemo(
    () => (district.status === 'ready' ? featureBounds(district.data.features) : null),
    [district],
  );
  const ready = useReadyState(
    layers.every((l) => l.status === 'ready'),
    failure !== undefined,
  );
  const geojson = useMemo(
    () => ({
      district: district.status === 'ready' ? district.data : undefined,
      streets: streets.status === 'ready' ? streets.data : undefined,
    }),
    [district, streets],
  );
  const stars = useMemo(() => new Map((file?.compounds ?? []).map((c) => [c.id, c.stars])), [file]);
  return {
    failure,
    props: {
      state: ready.state,
      geojson,
      bounds,
      compounds: compounds.status === 'ready' ? compounds.data.features : [],
      stars,
      onFitted: ready.onFitted,
      onAfterRender: ready.onAfterRender,
    },
  };
}
