import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { useUnitNames } from '../features/boundaries/use-unit-names.ts';
import { useCompoundsLayer } from '../features/compounds/compounds-api.ts';
import { ConnectionIndicator } from '../features/grievances/connection-indicator.tsx';
import { useStationsLayer } from '../features/stations/stations-api.ts';
import { AlarmBanner } from '../features/wall/alarm-banner.tsx';
import { useCanvasFit } from '../features/wall/use-canvas-fit.ts';
import { useIdleCursor } from '../features/wall/use-idle-cursor.ts';
import { useWallAlarms } from '../features/wall/use-wall-alarms.ts';
import { useWallStream, type WallBatch } from '../features/wall/use-wall-stream.ts';
import { useWallTour } from '../features/wall/use-wall-tour.ts';
import { useWallSummary } from '../features/wall/wall-api.ts';
import { WallClock } from '../features/wall/wall-clock.tsx';
import { WallKpis } from '../features/wall/wall-kpis.tsx';
import { WALL_CANVAS, parseWallParams } from '../features/wall/wall-params.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { useNow } from '../lib/use-now.ts';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { DemoBadge } from './demo-badge.tsx';
import { LoginGate } from './login-gate.tsx';
import { WallMap } from './wall-map.tsx';
import { WallPanels } from './wall-panels.tsx';

const CURSOR_IDLE_MS = 3000;
// the command feed's queue in a corner of the map, for those its status is shown to
const FEED_ROLES: ReadonlySet<string> = new Set(['operator', 'district_admin']);

/** /wall: the command-centre wall. Signs in once (the session stays in the tab), then runs alone. */
export function WallPage() {
  const { t } = useI18n();
  return (
    <LoginGate
      className="wall-login"
      header={<h1 className="wall-login__title">{t('wall.title')}</h1>}
    >
      {({ session, signOut }) =>
        session.user.scope.district ? (
          <WallScreen key={session.token} session={session} onSignOut={signOut} />
        ) : (
          <div className="wall-login">
            <h1 className="wall-login__title">{t('wall.title')}</h1>
            <p className="wall-login__note" role="alert">
              {t('wall.districtOnly')}
            </p>
            <button type="button" className="button" onClick={() => signOut('logout')}>
              {t('wall.switchUser')}
            </button>
          </div>
        )
      }
    </LoginGate>
  );
}

type WallScreenProps = { session: LoginResult; onSignOut: (reason?: SessionEndReason) => void };

function WallScreen({ session, onSignOut }: WallScreenProps) {
  const { t } = useI18n();
  const { token } = session;
  const params = useMemo(() => parseWallParams(window.location.search), []);
  const fit = useCanvasFit();
  const pixelRatio = (window.devicePixelRatio || 1) * fit.scale;
  const idle = useIdleCursor(CURSOR_IDLE_MS);
  const now = useNow(1000);

  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities');
  const compounds = useCompoundsLayer();
  const stations = useStationsLayer();
  const onUnauthorized = useCallback(() => onSignOut('expired'), [onSignOut]);

  const { alarms, pulses, onBatch: alarmsOnBatch, setAlarmGrades } = useWallAlarms(params.sound);
  const alarmShowing = alarms.length > 0;
  const streetCode = useWallTour(streets, params, alarmShowing);
  const summary = useWallSummary(token, streetCode, onUnauthorized);
  const { data, refresh } = summary;
  useLayoutEffect(() => setAlarmGrades(data?.alarmGrades), [data, setAlarmGrades]);

  // each live batch: alarms and pulses, and fresh figures, since the server counts, not the wall
  const onBatch = useCallback(
    (batch: WallBatch) => {
      refresh();
      alarmsOnBatch(batch);
    },
    [refresh, alarmsOnBatch],
  );
  const live = useWallStream(token, onBatch, onUnauthorized);
  useEffect(() => {
    if (live.connection === 'live') refresh();
  }, [live.connection, refresh]);

  const [mapReady, setMapReady] = useState(false);
  const onFitted = useCallback(() => setMapReady(true), []);
  const names = useUnitNames(streets, communities);
  const ready = mapReady && data !== null && live.ready;
  const alarmPlace = alarms[0]
    ? `${names.get(alarms[0].event.streetCode) ?? ''} ${names.get(alarms[0].event.communityCode) ?? ''}`.trim()
    : '';
  const viewName = streetCode === null ? t('wall.district') : (names.get(streetCode) ?? streetCode);

  return (
    <div className={`wall${idle ? ' wall--idle' : ''}`}>
      <div
        className={`wall-canvas${alarmShowing ? ' wall-canvas--alarm' : ''}`}
        data-wall-state={ready ? 'ready' : 'loading'}
        data-street={streetCode ?? ''}
        style={{
          width: WALL_CANVAS.width,
          height: WALL_CANVAS.height,
          transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})`,
        }}
      >
        <header className="wall-header">
          <div className="wall-header__side">
            <WallClock now={now} />
          </div>
          <div className="wall-header__title">
            <h1>{t('wall.title')}</h1>
            <p>{t('wall.subtitle', { view: viewName })}</p>
          </div>
          <div className="wall-header__side wall-header__side--right">
            <DemoBadge />
            {params.tourSeconds > 0 && (
              <span className="wall-tour" data-tour={alarmShowing ? 'paused' : 'on'}>
                {alarmShowing
                  ? t('wall.tourPaused')
                  : t('wall.tour', { seconds: params.tourSeconds })}
              </span>
            )}
            <ConnectionIndicator
              status={live.connection}
              staleSince={live.staleSince}
              now={now}
              onRetry={live.reconnect}
            />
          </div>
        </header>

        <WallKpis data={data} />
        <WallMap
          token={token}
          showFeed={FEED_ROLES.has(session.user.role)}
          boundaries={{ district, streets, communities }}
          compounds={compounds}
          stations={stations}
          live={live}
          alarms={alarms}
          pulses={pulses}
          now={now}
          streetCode={streetCode}
          historyDays={params.historyDays}
          pixelRatio={pixelRatio}
          ready={mapReady}
          onFitted={onFitted}
        />
        <WallPanels data={data} pixelRatio={pixelRatio} />
        <AlarmBanner alarms={alarms} place={alarmPlace} />
        {summary.error && (
          <div className="wall-error" role="alert">
            {t('app.loadFailed', { message: summary.error.message })}
          </div>
        )}
      </div>
    </div>
  );
}
