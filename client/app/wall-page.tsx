import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import { COVERAGE_MODES } from '../../common/domain.ts';
import type { BBox } from '../../common/geo.ts';
import type { WallSummary } from '../../common/wall.ts';
import { LoginForm } from '../features/auth/login-form.tsx';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import {
  createStreetLabelsLayer,
  placeBoundaryLabels,
  toBoundaryLabels,
} from '../features/boundaries/boundaries-layer.ts';
import {
  BOUNDARY_SOURCES,
  BOUNDARY_STYLE_LAYERS,
} from '../features/boundaries/boundaries-style.ts';
import { useCompoundsLayer } from '../features/compounds/compounds-api.ts';
import { createCompoundsLayer } from '../features/compounds/compounds-layer.ts';
import {
  buildCoverageModeOption,
  buildCoverageProgressOption,
} from '../features/coverage/coverage-chart-option.ts';
import { CommandFeedPanel } from '../features/command-feed/command-feed-panel.tsx';
import { ConnectionIndicator } from '../features/grievances/connection-indicator.tsx';
import { useStationsLayer } from '../features/stations/stations-api.ts';
import {
  createStationsLayer,
  sortStationsForDrawing,
} from '../features/stations/stations-layer.ts';
import { AlarmBanner } from '../features/wall/alarm-banner.tsx';
import { measureBatchDrawn, measureBatchUpdate } from '../features/wall/batch-timing.ts';
import { EnterpriseBoard } from '../features/wall/enterprise-board.tsx';
import { hexbin } from '../features/wall/hexbin.ts';
import { RollingNumber } from '../features/wall/rolling-number.tsx';
import { ScrollBoard } from '../features/wall/scroll-board.tsx';
import { updateAlarms, type Alarm } from '../features/wall/wall-alarm.ts';
import { useWallHistory, useWallSummary } from '../features/wall/wall-api.ts';
import {
  HISTORY_HEX_RADIUS_M,
  createHistoryHexLayer,
  createLiveEventsLayer,
} from '../features/wall/wall-layers.ts';
import { useWallStream, type WallBatch } from '../features/wall/use-wall-stream.ts';
import { buildCommitteesOption } from '../features/wall/wall-committees-option.ts';
import {
  buildCoverageGaugeOption,
  buildStreetCoverageOption,
} from '../features/wall/wall-coverage-option.ts';
import {
  buildOverdueByStreetOption,
  buildTodayByGradeOption,
  buildTodayByStateOption,
  buildTopCategoriesOption,
  buildTrendOption,
} from '../features/wall/wall-events-option.ts';
import { WallChart } from '../features/wall/wall-chart.tsx';
import { WallPanel } from '../features/wall/wall-panel.tsx';
import { WALL_CANVAS, fitCanvas, parseWallParams, tourStop } from '../features/wall/wall-params.ts';
import { featureBounds } from '../../geometry/bounds.ts';
import { formatShare } from '../lib/i18n.ts';
import { COVERAGE_MODE_COLORS, GRADE_COLORS, toCssColor } from '../lib/theme.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { useNow } from '../lib/use-now.ts';
import { useSession, type SessionEndReason } from '../lib/use-session.tsx';
import { BaseMap, createMapStyle } from '../map/base-map.tsx';
import { CameraFly } from '../map/camera-fly.tsx';
import { DeckOverlay } from '../map/deck-overlay.tsx';
import { PulsingRings, type PulsingRing } from '../map/pulsing-rings.tsx';

const MAP_STYLE = createMapStyle({ sources: BOUNDARY_SOURCES, layers: BOUNDARY_STYLE_LAYERS });
const MAP_PADDING = { top: 24, right: 24, bottom: 24, left: 24 };
// district and street centres only: 80-odd community stations would drown the events' colours
const WALL_STATION_KINDS = new Set(['district_centre', 'street_centre']);
const CURSOR_IDLE_MS = 3000;
const ALARM_CHECK_MS = 5000;
const PULSE_MS = 60_000; // a new event's ring pulses this long
const MAX_PULSES = 12; // the newest ones only: each ring is a DOM element

/** /wall: the command-centre wall. Signs in once (the session stays in the tab), then runs alone. */
// the command feed's queue in a corner of the map, for those its status is shown to
const FEED_ROLES: ReadonlySet<string> = new Set(['operator', 'district_admin']);

export function WallPage() {
  const { session, signIn, signOut, endedBecause } = useSession();
  const { t } = useI18n();
  if (!session) {
    return (
      <div className="wall-login">
        <h1 className="wall-login__title">{t('wall.title')}</h1>
        <LoginForm onSignedIn={signIn} endedBecause={endedBecause} />
      </div>
    );
  }
  if (!session.user.scope.district) {
    return (
      <div className="wall-login">
        <h1 className="wall-login__title">{t('wall.title')}</h1>
        <p className="wall-login__note" role="alert">
          {t('wall.districtOnly')}
        </p>
        <button type="button" className="button" onClick={() => signOut('logout')}>
          {t('wall.switchUser')}
        </button>
      </div>
    );
  }
  return <WallScreen key={session.token} session={session} onSignOut={signOut} />;
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

  // the tour: district, then each street in turn; paused while an alarm shows
  const streetCodes = useMemo(
    () =>
      streets.status === 'ready' ? streets.data.features.map((f) => f.properties.code).sort() : [],
    [streets],
  );
  const [step, setStep] = useState(0);
  const [alarms, setAlarms] = useState<readonly Alarm[]>([]);
  const alarmShowing = alarms.length > 0;
  useEffect(() => {
    if (params.tourSeconds === 0 || alarmShowing || streetCodes.length === 0) return;
    const timer = window.setInterval(() => setStep((s) => s + 1), params.tourSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [params.tourSeconds, alarmShowing, streetCodes.length]);
  const streetCode = params.street ?? tourStop(streetCodes, step);

  const summary = useWallSummary(token, streetCode, onUnauthorized);
  const data = summary.data;
  const { refresh } = summary;

  // alarms from each live batch: new L3/L4 events (event_grades.alarm); and fresh figures, since
  // the server counts, not the wall
  const alarmGrades = data?.alarmGrades;
  const alarmGradesRef = useRef(alarmGrades);
  useEffect(() => {
    alarmGradesRef.current = alarmGrades;
  }, [alarmGrades]);
  const [pulses, setPulses] = useState<readonly (PulsingRing & { at: number })[]>([]);
  const onBatch = useCallback(
    ({ events, known }: WallBatch) => {
      refresh();
      const grades = alarmGradesRef.current;
      const now = Date.now();
      if (grades) setAlarms((current) => updateAlarms(current, events, known, grades, now));
      const fresh = events.filter((e) => !known.has(e.id) && e.state === 'reported');
      if (fresh.length > 0) {
        setPulses((current) =>
          [
            ...fresh.map((e) => ({
              key: e.id,
              position: e.location,
              color: toCssColor(GRADE_COLORS[e.grade]),
              at: now,
            })),
            ...current,
          ].slice(0, MAX_PULSES),
        );
      }
    },
    [refresh],
  );
  const live = useWallStream(token, onBatch, onUnauthorized);
  useEffect(() => {
    if (live.connection === 'live') refresh();
  }, [live.connection, refresh]);
  useEffect(() => {
    if (!alarmShowing || !alarmGrades) return;
    const timer = window.setInterval(() => {
      setAlarms((current) => updateAlarms(current, [], new Set(), alarmGrades, Date.now()));
    }, ALARM_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [alarmShowing, alarmGrades]);
  const newestAlarm = alarms[0]?.event.id ?? null;
  useEffect(() => {
    if (newestAlarm !== null && params.sound) beep();
  }, [newestAlarm, params.sound]);

  // the map
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const state of [streets, communities]) {
      if (state.status !== 'ready') continue;
      for (const f of state.data.features) map.set(f.properties.code, f.properties.name);
    }
    return map;
  }, [streets, communities]);
  const geojson = useMemo(
    () => ({
      district: district.status === 'ready' ? district.data : undefined,
      streets: streets.status === 'ready' ? streets.data : undefined,
      communities: communities.status === 'ready' ? communities.data : undefined,
    }),
    [district, streets, communities],
  );
  const districtBounds = useMemo(
    () => (district.status === 'ready' ? featureBounds(district.data.features) : null),
    [district],
  );
  const viewBounds = useMemo<BBox | null>(() => {
    if (streetCode === null || streets.status !== 'ready') return districtBounds;
    const street = streets.data.features.filter((f) => f.properties.code === streetCode);
    return street.length > 0 ? featureBounds(street) : districtBounds;
  }, [streetCode, streets, districtBounds]);

  const compoundFeatures = useMemo(
    () => (compounds.status === 'ready' ? compounds.data.features : []),
    [compounds],
  );
  const stationFeatures = useMemo(
    () =>
      stations.status === 'ready'
        ? sortStationsForDrawing(
            stations.data.features.filter((f) => WALL_STATION_KINDS.has(f.properties.kind ?? '')),
          )
        : [],
    [stations],
  );
  const streetLabels = useMemo(
    () => (streets.status === 'ready' ? toBoundaryLabels(streets.data.features) : []),
    [streets],
  );
  const [zoom, setZoom] = useState(12);
  const onZoom = useCallback((value: number) => setZoom(Math.floor(value * 4) / 4), []);
  const shownStreetLabels = useMemo(
    () =>
      placeBoundaryLabels(streetLabels, [], { zoom, showStreets: true, showCommunities: false })
        .streets,
    [streetLabels, zoom],
  );
  const pulseClock = Math.floor(now / 5000) * 5000;
  const rings = useMemo<PulsingRing[]>(() => {
    const alarmIds = new Set(alarms.map((a) => a.event.id));
    return [
      ...pulses.filter((p) => pulseClock - p.at < PULSE_MS && !alarmIds.has(Number(p.key))),
      ...alarms.map((a) => ({
        key: a.event.id,
        position: a.event.location,
        color: toCssColor(GRADE_COLORS[a.event.grade]),
      })),
    ];
  }, [pulses, pulseClock, alarms]);
  const history = useWallHistory(token, params.historyDays);
  const historyBins = useMemo(
    () => (history ? hexbin(history.positions, HISTORY_HEX_RADIUS_M) : []),
    [history],
  );
  // one layer instance per input: a live batch changes only the live layer's props
  const historyLayer = useMemo(() => createHistoryHexLayer(historyBins), [historyBins]);
  const baseLayers = useMemo(
    () => [
      createCompoundsLayer(compoundFeatures, { selectedId: null }),
      createStationsLayer(stationFeatures, { selectedId: null }),
    ],
    [compoundFeatures, stationFeatures],
  );
  const labelsLayer = useMemo(
    () => createStreetLabelsLayer(streetLabels, { visible: true, shownCodes: shownStreetLabels }),
    [streetLabels, shownStreetLabels],
  );
  const liveLayer = useMemo(
    () => createLiveEventsLayer(live.data, live.version),
    [live.data, live.version],
  );
  const layers = useMemo(
    () => [historyLayer, ...baseLayers, liveLayer, labelsLayer],
    [historyLayer, baseLayers, liveLayer, labelsLayer],
  );
  const [mapReady, setMapReady] = useState(false);
  const onFitted = useCallback(() => setMapReady(true), []);

  // options only change with the figures: the clock re-renders the page every second
  const options = useMemo(
    () =>
      data && {
        streetCoverage: buildStreetCoverageOption(
          data.coverage.summary,
          data.streetCode,
          data.coverage.progress.targets[0]?.share ?? 1,
          t,
        ),
        modes: buildCoverageModeOption(
          { ...data.coverage.summary, district: data.coverage.focus },
          t,
        ),
        todayByGrade: buildTodayByGradeOption(data.events.today, t),
        todayByState: buildTodayByStateOption(data.events.today, t),
        trend: buildTrendOption(data.events.trend, t),
        overdue: buildOverdueByStreetOption(data.events.overdueByStreet, data.streetCode, t),
        categories: buildTopCategoriesOption(data.events.topCategories, t),
      },
    [data, t],
  );

  const ready = mapReady && data !== null && live.ready;
  const alarmPlace = alarms[0]
    ? `${names.get(alarms[0].event.streetCode) ?? ''} ${names.get(alarms[0].event.communityCode) ?? ''}`.trim()
    : '';
  const viewName = streetCode === null ? t('wall.district') : (names.get(streetCode) ?? streetCode);

  // the figures' part of the page, as elements that change only with the figures: the clock
  // and the live batches re-render the page, not the ten panels
  const kpis = useMemo(
    () => (
      <div className="wall-kpis" aria-label={t('wall.kpis')}>
        <Kpi label={t('wall.kpi.today')} value={data?.events.today.total} id="today" />
        <Kpi label={t('wall.kpi.open')} value={data?.events.open} id="open" />
        <Kpi label={t('wall.kpi.overdue')} value={data?.events.overdue} id="overdue" alert />
        <Kpi
          label={t('wall.kpi.coverage')}
          value={data ? Math.round(data.coverage.focus.coveredShare * 1000) / 10 : undefined}
          decimals={1}
          suffix="%"
          id="coverage"
        />
        <Kpi
          label={t('wall.kpi.committees')}
          value={
            data && data.committees.compounds > 0
              ? Math.round((data.committees.formed / data.committees.compounds) * 1000) / 10
              : data
                ? 0
                : undefined
          }
          decimals={1}
          suffix="%"
          id="committees"
        />
      </div>
    ),
    [data, t],
  );
  const panels = useMemo(
    () => (
      <>
        <div className="wall-col wall-col--left">
          <WallPanel title={t('wall.coverage')} asOf={data?.asOf ?? null} className="wall-p1">
            {data && <CoveragePanel data={data} pixelRatio={pixelRatio} />}
          </WallPanel>
          <WallPanel title={t('wall.streetCoverage')} asOf={data?.asOf ?? null} className="wall-p2">
            {data && (
              <WallChart
                pixelRatio={pixelRatio}
                label={t('wall.streetCoverage')}
                option={options!.streetCoverage}
              />
            )}
          </WallPanel>
          <WallPanel title={t('wall.modes')} asOf={data?.asOf ?? null} className="wall-p3">
            {data && (
              <WallChart pixelRatio={pixelRatio} label={t('wall.modes')} option={options!.modes} />
            )}
          </WallPanel>
          <WallPanel title={t('wall.committees')} asOf={data?.asOf ?? null} className="wall-p4">
            {data && <CommitteesPanel data={data} pixelRatio={pixelRatio} />}
          </WallPanel>
        </div>

        <div className="wall-col wall-col--right">
          <WallPanel title={t('wall.today')} asOf={data?.asOf ?? null} className="wall-p5">
            {data && (
              <div className="wall-split">
                <WallChart
                  pixelRatio={pixelRatio}
                  label={t('wall.todayByGrade')}
                  style={{ width: 170 }}
                  option={options!.todayByGrade}
                />
                <WallChart
                  pixelRatio={pixelRatio}
                  label={t('wall.todayByState')}
                  option={options!.todayByState}
                />
              </div>
            )}
          </WallPanel>
          <WallPanel title={t('wall.trend')} asOf={data?.asOf ?? null} className="wall-p6">
            {data && (
              <WallChart pixelRatio={pixelRatio} label={t('wall.trend')} option={options!.trend} />
            )}
          </WallPanel>
          <WallPanel
            title={t('wall.overdueByStreet')}
            asOf={data?.asOf ?? null}
            className="wall-p7"
          >
            {data && (
              <WallChart
                pixelRatio={pixelRatio}
                label={t('wall.overdueByStreet')}
                option={options!.overdue}
              />
            )}
          </WallPanel>
          <WallPanel title={t('wall.topCategories')} asOf={data?.asOf ?? null} className="wall-p8">
            {data && (
              <WallChart
                pixelRatio={pixelRatio}
                label={t('wall.topCategories')}
                option={options!.categories}
              />
            )}
          </WallPanel>
        </div>

        <div className="wall-bottom">
          <WallPanel title={t('wall.latest')} asOf={data?.asOf ?? null} className="wall-p9">
            {data && <ScrollBoard events={data.events.latest} rows={6} />}
          </WallPanel>
          <WallPanel title={t('wall.enterprises')} asOf={data?.asOf ?? null} className="wall-p10">
            {data && <EnterpriseBoard red={data.enterprises.red} black={data.enterprises.black} />}
          </WallPanel>
        </div>
      </>
    ),
    [data, options, pixelRatio, t],
  );

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

        {kpis}
        <div className="wall-map">
          <BaseMap
            style={MAP_STYLE}
            geojson={geojson}
            fitBounds={districtBounds}
            fitPadding={MAP_PADDING}
            onFitted={onFitted}
            onZoom={onZoom}
            pixelRatio={pixelRatio}
            state={mapReady ? 'ready' : 'loading'}
            label={t('wall.map')}
          >
            <DeckOverlay
              layers={layers}
              useDevicePixels={pixelRatio}
              onBeforeRender={measureBatchUpdate}
              onAfterRender={measureBatchDrawn}
            />
            <PulsingRings rings={rings} />
            {mapReady && <CameraFly bounds={viewBounds} padding={MAP_PADDING} />}
          </BaseMap>
          {FEED_ROLES.has(session.user.role) && (
            <div className="wall-feed">
              <CommandFeedPanel token={token} canRetry={false} compact />
            </div>
          )}
          <div className="wall-map__legend wall-map__legend--left" aria-hidden="true">
            {COVERAGE_MODES.map((mode) => (
              <span key={mode}>
                <i
                  className="wall-map__swatch"
                  style={{ background: toCssColor(COVERAGE_MODE_COLORS[mode]) }}
                />
                {t(`coverageMode.${mode}`)}
              </span>
            ))}
          </div>
          <div className="wall-map__legend" aria-hidden="true">
            {(['L1', 'L2', 'L3', 'L4'] as const).map((grade) => (
              <span key={grade}>
                <i style={{ background: toCssColor(GRADE_COLORS[grade]) }} />
                {t(`grade.${grade}`)}
              </span>
            ))}
          </div>
        </div>

        {panels}
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

type PanelProps = { data: WallSummary; pixelRatio: number };

function CoveragePanel({ data, pixelRatio }: PanelProps) {
  const { t } = useI18n();
  const { progress } = data.coverage;
  const gauge = useMemo(() => buildCoverageGaugeOption(progress, t), [progress, t]);
  const trend = useMemo(
    () => buildCoverageProgressOption({ ...data.coverage.summary, progress }, t),
    [data.coverage.summary, progress, t],
  );
  return (
    <div className="wall-coverage">
      <div className="wall-split">
        <WallChart
          pixelRatio={pixelRatio}
          label={t('wall.coverageGauge')}
          style={{ width: 170 }}
          option={gauge}
        />
        <WallChart pixelRatio={pixelRatio} label={t('wall.coverageTrend')} option={trend} />
      </div>
      <p className="wall-note">
        {t('wall.coverageNote', {
          covered: progress.coveredSinceBaseline,
          total: progress.baselineUnmanaged,
        })}
        {progress.targets.map((target) => (
          <span
            key={target.date}
            className={`wall-target wall-target--${target.met === null ? 'pending' : target.met ? 'met' : 'missed'}`}
          >
            {t('wall.target', { date: target.date, share: formatShare(target.share) })}
          </span>
        ))}
      </p>
    </div>
  );
}

function CommitteesPanel({ data, pixelRatio }: PanelProps) {
  const { t } = useI18n();
  const { committees } = data;
  const option = useMemo(() => buildCommitteesOption(committees, t), [committees, t]);
  return (
    <div className="wall-split">
      <WallChart pixelRatio={pixelRatio} label={t('wall.committees')} option={option} />
      <div className="wall-rule">
        <span className="wall-rule__value">
          <RollingNumber
            value={Math.round(committees.partyRuleShare * 1000) / 10}
            decimals={1}
            suffix="%"
          />
        </span>
        <span className="wall-rule__label">{t('wall.partyRule')}</span>
        <span className="wall-rule__detail">
          {t('wall.partyRuleDetail', {
            meeting: committees.meetingPartyRule,
            elected: committees.byStatus.elected,
          })}
        </span>
      </div>
    </div>
  );
}

type KpiProps = {
  id: string;
  label: string;
  value: number | undefined;
  decimals?: number;
  suffix?: string;
  alert?: boolean;
};

function Kpi({ id, label, value, decimals, suffix, alert }: KpiProps) {
  return (
    <div className={`wall-kpi${alert && value ? ' wall-kpi--alert' : ''}`} data-kpi={id}>
      <span className="wall-kpi__value">
        {value === undefined ? (
          '–'
        ) : (
          <RollingNumber value={value} decimals={decimals} suffix={suffix} />
        )}
      </span>
      <span className="wall-kpi__label">{label}</span>
    </div>
  );
}

function WallClock({ now }: { now: number }) {
  const date = new Date(now);
  return (
    <span className="wall-clock">
      <span className="wall-clock__time">
        {date.toLocaleTimeString('zh-CN', { hour12: false })}
      </span>
      <span className="wall-clock__date">
        {date.toLocaleDateString('zh-CN', {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          weekday: 'short',
        })}
      </span>
    </span>
  );
}

/** The scale and offset that fit the design canvas into the window, kept up to date. */
function useCanvasFit() {
  const [fit, setFit] = useState(() => fitCanvas(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setFit(fitCanvas(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return fit;
}

/** True once the pointer has not moved for `ms`: the kiosk hides the cursor. */
function useIdleCursor(ms: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = window.setTimeout(() => setIdle(true), ms);
    const onMove = () => {
      setIdle(false);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setIdle(true), ms);
    };
    window.addEventListener('pointermove', onMove);
    return () => {
      window.removeEventListener('pointermove', onMove);
      window.clearTimeout(timer);
    };
  }, [ms]);
  return idle;
}

// a short two-tone alert; browsers without a user gesture may keep the audio context suspended
function beep() {
  try {
    const context = new AudioContext();
    const gain = context.createGain();
    gain.gain.value = 0.15;
    gain.connect(context.destination);
    [880, 660].forEach((frequency, i) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(context.currentTime + i * 0.25);
      oscillator.stop(context.currentTime + i * 0.25 + 0.2);
    });
    window.setTimeout(() => void context.close(), 1000);
  } catch {
    // no audio: the banner and the flash still show
  }
}
