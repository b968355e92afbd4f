import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { LoginResult } from '../../common/auth.ts';
import type { Position } from '../../common/geo.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { LoginForm } from '../features/auth/login-form.tsx';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { toBoundaryLabels } from '../features/boundaries/boundaries-layer.ts';
import { CommandFeedPanel } from '../features/command-feed/command-feed-panel.tsx';
import { useCompoundsLayer } from '../features/compounds/compounds-api.ts';
import { handlerLevelOf, isOpenState } from '../features/grievances/allowed-actions.ts';
import { BulkDispatchDialog } from '../features/grievances/bulk-dispatch-dialog.tsx';
import { ConnectionIndicator } from '../features/grievances/connection-indicator.tsx';
import { DispatchPanel, type QueueCounts } from '../features/grievances/dispatch-panel.tsx';
import {
  isInUnit,
  selectDispatchArea,
  selectFeaturesNear,
  unitNames,
  type AreaUnit,
  type DispatchArea,
} from '../features/grievances/dispatch-area.ts';
import { EventDrawer } from '../features/grievances/event-drawer.tsx';
import {
  DEFAULT_FILTER,
  inUserScope,
  isOverdue,
  matchesFilter,
  sortByDeadline,
  type EventFilter,
} from '../features/grievances/event-filter.ts';
import { GradeLegend } from '../features/grievances/grade-legend.tsx';
import {
  postEventAction,
  useEventDetail,
  type EventActionInput,
} from '../features/grievances/grievances-api.ts';
import { GRIEVANCES_LAYER_ID, toPulseMarkers } from '../features/grievances/grievances-layer.ts';
import { getGrievanceTooltipHtml } from '../features/grievances/grievances-tooltip.ts';
import { SelectionToolbar } from '../features/grievances/selection-toolbar.tsx';
import { useGrievanceEvents } from '../features/grievances/use-grievance-events.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import { TOOLTIP_STYLE } from '../lib/theme.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { useNow } from '../lib/use-now.ts';
import { useSession, type SessionEndReason } from '../lib/use-session.tsx';
import { AppHeader } from './app-header.tsx';
import { DispatchMap } from './dispatch-map.tsx';
import { useReadyState } from './use-ready-state.ts';

const COMMUNITY_FIELDS = ['streetCode'] as const;
const GRID_FIELDS = ['communityCode'] as const;
// filters and pulses move in 15 s steps: each step re-uploads the markers, the countdowns tick by the second
const FILTER_CLOCK_MS = 15_000;
const DRAWER_COVER = { top: 84, right: 420, bottom: 48, left: 48 };
const NO_COVER = { top: 84, right: 48, bottom: 48, left: 48 };

/** /dispatch: the sign-in form, or the dispatch console of the signed-in user. */
export function DispatchPage() {
  const { session, signIn, signOut, endedBecause } = useSession();
  if (!session) {
    return (
      <>
        <AppHeader page="dispatch" />
        <LoginForm onSignedIn={signIn} endedBecause={endedBecause} />
      </>
    );
  }
  // a new token is a new console: no cache or socket carries over between users
  return <DispatchConsole key={session.token} session={session} onSignOut={signOut} />;
}

type DispatchConsoleProps = {
  session: LoginResult;
  onSignOut: (reason?: SessionEndReason) => void;
};

function DispatchConsole({ session, onSignOut }: DispatchConsoleProps) {
  const { t } = useI18n();
  const { token, user } = session;
  const now = useNow(1000);
  const filterNow = Math.floor(now / FILTER_CLOCK_MS) * FILTER_CLOCK_MS;

  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities', COMMUNITY_FIELDS);
  const grids = useBoundaryLayer('grids', GRID_FIELDS);
  const compounds = useCompoundsLayer();

  const [filter, setFilter] = useState<EventFilter>(DEFAULT_FILTER);
  const onUnauthorized = useCallback(() => onSignOut('expired'), [onSignOut]);
  const live = useGrievanceEvents(token, filter, onUnauthorized);

  const [selectedIds, setSelectedIds] = useState<ReadonlySet<number>>(() => new Set());
  // the grid or community whose events make up the selection, until it is changed otherwise
  const [pickedUnit, setPickedUnit] = useState<AreaUnit | null>(null);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [focusTarget, setFocusTarget] = useState<Position | null>(null);
  const [drawing, setDrawing] = useState(false);
  // frozen when the dialog opens: live updates must not change what is being dispatched
  const [bulkEvents, setBulkEvents] = useState<GrievanceEvent[] | null>(null);
  const bulkOpen = bulkEvents !== null;

  const boundaryStates = [district, streets, communities, grids, compounds];
  const failure = boundaryStates.find((state) => state.status === 'error');
  const derived = useMemo(() => {
    if (
      district.status !== 'ready' ||
      streets.status !== 'ready' ||
      communities.status !== 'ready' ||
      grids.status !== 'ready'
    ) {
      return null;
    }
    const layers = {
      district: district.data,
      streets: streets.data,
      communities: communities.data,
      grids: grids.data,
    };
    return {
      geojson: layers,
      area: selectDispatchArea(user.scope, layers),
      names: unitNames(layers),
      gridOptions: grids.data.features.map((f) => ({
        code: f.properties.code,
        name: f.properties.name,
      })),
      streetLabels: toBoundaryLabels(streets.data.features),
      communityLabels: toBoundaryLabels(communities.data.features),
    };
  }, [district, streets, communities, grids, user.scope]);
  const nearbyCompounds = useMemo(
    () =>
      derived && compounds.status === 'ready'
        ? selectFeaturesNear(compounds.data.features, derived.area)
        : EMPTY_COMPOUNDS,
    [derived, compounds],
  );
  const allLoaded =
    derived !== null && compounds.status === 'ready' && live.list.status !== 'loading';
  const readyState = useReadyState(allLoaded, failure !== undefined);

  const known = useMemo(
    () => sortByDeadline(live.events.values()).filter((e) => inUserScope(user.scope, e)),
    [live.events, user.scope],
  );
  const shown = useMemo(
    () => known.filter((event) => matchesFilter(event, filter, filterNow)),
    [known, filter, filterNow],
  );
  const counts = useMemo<QueueCounts>(() => {
    const open = known.filter((event) => isOpenState(event.state));
    return {
      open: open.length,
      toAccept: open.filter((event) => event.state === 'reported').length,
      overdue: open.filter((event) => isOverdue(event, filterNow)).length,
    };
  }, [known, filterNow]);
  const pulseMarkers = useMemo(() => toPulseMarkers(shown, filterNow), [shown, filterNow]);
  const focused = focusedId === null ? null : (live.events.get(focusedId) ?? null);
  const detail = useEventDetail(token, focusedId, focused?.seq ?? null);
  // a selection counts only what the filters show: nothing is dispatched unseen
  const selectedEvents = useMemo(
    () => shown.filter((event) => selectedIds.has(event.id)),
    [shown, selectedIds],
  );

  const nowRef = useRef(now);
  useEffect(() => {
    nowRef.current = now;
  }, [now]);
  const getTooltip = useCallback(
    (info: PickingInfo) => {
      const object = info.object as GrievanceEvent | undefined;
      if (!object || info.layer?.id !== GRIEVANCES_LAYER_ID) return null;
      const html = getGrievanceTooltipHtml(object, t, nowRef.current);
      return { html, className: 'map-tooltip', style: TOOLTIP_STYLE };
    },
    [t],
  );

  const focusFromMap = useCallback((id: number) => setFocusedId(id), []);
  // through a ref, so the callback (a prop of every memoised queue item) survives live updates
  const eventsRef = useRef(live.events);
  useEffect(() => {
    eventsRef.current = live.events;
  }, [live.events]);
  const focusFromQueue = useCallback((id: number) => {
    setFocusedId(id);
    const event = eventsRef.current.get(id);
    if (event) setFocusTarget([...event.location]);
  }, []);
  const toggleSelected = useCallback((id: number) => {
    setPickedUnit(null);
    setSelectedIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const selectWithin = useCallback(
    (ring: Position[]) => {
      setDrawing(false);
      setPickedUnit(null);
      setSelectedIds(
        new Set(shown.filter((e) => isPointInPolygon(e.location, [ring])).map((e) => e.id)),
      );
    },
    [shown],
  );
  const cancelDraw = useCallback(() => setDrawing(false), []);
  const selectUnit = useCallback(
    (unit: AreaUnit) => {
      setPickedUnit(unit);
      setSelectedIds(new Set(shown.filter((e) => isInUnit(e, unit)).map((e) => e.id)));
    },
    [shown],
  );

  const { merge } = live;
  const onAction = useCallback(
    async (input: EventActionInput) => {
      if (focusedId === null) throw new Error('No event is open in the drawer');
      const result = await postEventAction(token, focusedId, input);
      if ('data' in result) merge([result.data]);
      else if (result.error.code === 'unauthorized') onUnauthorized();
      return result;
    },
    [token, focusedId, merge, onUnauthorized],
  );
  const onBulkUpdated = useCallback((event: GrievanceEvent) => merge([event]), [merge]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !drawing && !bulkOpen) setFocusedId(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [drawing, bulkOpen]);

  const canHandle = handlerLevelOf(user.role) !== null;
  const areaName = !derived
    ? '…'
    : derived.area.districtWide
      ? t('dispatch.districtWide')
      : topUnits(derived.area)
          .map((unit) => unit.properties.name)
          .join('、');

  return (
    <>
      <AppHeader
        page="dispatch"
        tools={
          <>
            <ConnectionIndicator
              status={live.connection}
              staleSince={live.staleSince}
              now={now}
              onRetry={live.reconnect}
            />
            <UserBadge user={user} onLogout={() => onSignOut('logout')} />
          </>
        }
      />
      <main className="dispatch">
        <DispatchPanel
          events={shown}
          total={known.length}
          counts={counts}
          list={live.list}
          areaName={areaName}
          filter={filter}
          onFilterChange={setFilter}
          selectedIds={selectedIds}
          onToggleSelected={toggleSelected}
          focusedId={focusedId}
          onFocus={focusFromQueue}
          unitNames={derived?.names ?? EMPTY_NAMES}
          now={now}
        />
        <div className="dispatch__map">
          <DispatchMap
            label={t('dispatch.mapLabel')}
            state={readyState.state}
            geojson={derived?.geojson ?? EMPTY_GEOJSON}
            bounds={derived?.area.bounds ?? null}
            area={derived?.area ?? null}
            compounds={nearbyCompounds}
            streetLabels={derived?.streetLabels ?? EMPTY_LABELS}
            communityLabels={derived?.communityLabels ?? EMPTY_LABELS}
            events={shown}
            pulseMarkers={pulseMarkers}
            selectedIds={selectedIds}
            focusedId={focusedId}
            focusTarget={focusTarget}
            coverPadding={focused ? DRAWER_COVER : NO_COVER}
            drawing={drawing}
            onDrawComplete={selectWithin}
            onDrawCancel={cancelDraw}
            getTooltip={getTooltip}
            onEventClick={focusFromMap}
            onGridClick={selectUnit}
            onFitted={readyState.onFitted}
            onAfterRender={readyState.onAfterRender}
          />
          <div className="dispatch__overlay">
            <div className="dispatch__toolbar">
              <SelectionToolbar
                drawing={drawing}
                onDrawToggle={() => setDrawing((on) => !on)}
                units={derived?.area.units ?? EMPTY_UNITS}
                onPickUnit={selectUnit}
                pickedUnit={pickedUnit}
                onSelectShown={() => {
                  setPickedUnit(null);
                  setSelectedIds(new Set(shown.map((e) => e.id)));
                }}
                selectedCount={selectedEvents.length}
                onClear={() => {
                  setPickedUnit(null);
                  setSelectedIds(new Set());
                }}
                onBulkDispatch={canHandle ? () => setBulkEvents(selectedEvents) : null}
                note={canHandle ? null : t('dispatch.readOnly')}
              />
              <GradeLegend />
            </div>
            {focused && (
              <div className="dispatch__drawer">
                <EventDrawer
                  event={focused}
                  detail={detail}
                  user={user}
                  token={token}
                  unitNames={derived?.names ?? EMPTY_NAMES}
                  now={now}
                  onAction={onAction}
                  onClose={() => setFocusedId(null)}
                  grids={derived?.gridOptions}
                />
              </div>
            )}
          </div>
          {FEED_ROLES.has(user.role) && (
            <div className="feed-dock">
              <CommandFeedPanel
                token={token}
                canRetry={user.role === 'district_admin'}
                onUnauthorized={onUnauthorized}
              />
            </div>
          )}
          {readyState.state === 'loading' && (
            <div className="map-status" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('dispatch.loading')}
            </div>
          )}
          {failure?.status === 'error' && (
            <div className="map-status map-status--error" role="alert">
              {t('app.loadFailed', { message: failure.error.message })}
            </div>
          )}
        </div>
        {bulkEvents && (
          <BulkDispatchDialog
            token={token}
            events={bulkEvents}
            onUpdated={onBulkUpdated}
            onClose={() => setBulkEvents(null)}
          />
        )}
      </main>
    </>
  );
}

// the units a user answers for, without the ones inside them: a street, not its communities
function topUnits(area: DispatchArea) {
  if (area.streets.length > 0) return area.streets;
  if (area.communities.length > 0) return area.communities;
  return area.grids;
}

// who sees the feed to the district joint command platform (GET /api/command-feed/status)
const FEED_ROLES: ReadonlySet<string> = new Set(['operator', 'district_admin']);
const EMPTY_NAMES: ReadonlyMap<string, string> = new Map();
const EMPTY_GEOJSON = {};
const EMPTY_COMPOUNDS: CompoundFeature[] = [];
const EMPTY_LABELS: never[] = [];
const EMPTY_UNITS: AreaUnit[] = [];
