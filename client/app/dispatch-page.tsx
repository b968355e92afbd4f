import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { CommandFeedPanel } from '../features/command-feed/command-feed-panel.tsx';
import { useCompoundsLayer } from '../features/compounds/compounds-api.ts';
import { handlerLevelOf } from '../features/grievances/allowed-actions.ts';
import { BulkDispatchDialog } from '../features/grievances/bulk-dispatch-dialog.tsx';
import { ConnectionIndicator } from '../features/grievances/connection-indicator.tsx';
import { DispatchPanel } from '../features/grievances/dispatch-panel.tsx';
import type { AreaUnit, DispatchArea } from '../features/grievances/dispatch-area.ts';
import { DEFAULT_FILTER, type EventFilter } from '../features/grievances/event-filter.ts';
import { GradeLegend } from '../features/grievances/grade-legend.tsx';
import { GRIEVANCES_LAYER_ID } from '../features/grievances/grievances-layer.ts';
import { getGrievanceTooltipHtml } from '../features/grievances/grievances-tooltip.ts';
import { SelectionToolbar } from '../features/grievances/selection-toolbar.tsx';
import { useDispatchQueue } from '../features/grievances/use-dispatch-queue.ts';
import { useEventFocus } from '../features/grievances/use-event-focus.ts';
import {
  useEventSelection,
  type EventSelection,
} from '../features/grievances/use-event-selection.ts';
import {
  useGrievanceEvents,
  type GrievanceEventsState,
} from '../features/grievances/use-grievance-events.ts';
import type { Translate } from '../lib/i18n.ts';
import { TOOLTIP_STYLE } from '../lib/theme.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { useNow } from '../lib/use-now.ts';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { OutboxPanel } from '../features/grievances/outbox-panel.tsx';
import { AppHeader } from './app-header.tsx';
import { PhoneViewSwitch } from './phone-view-switch.tsx';
import { useFieldReport } from './use-field-report.ts';
import { useFieldWork, type FieldWork } from './use-field-work.ts';
import { ReportPanel } from '../features/grievances/report-panel.tsx';
import { useHeadsUp, useNotificationPermission } from '../features/grievances/use-heads-up.ts';
import { DispatchMap } from './dispatch-map.tsx';
import { FocusedEventDrawer } from './focused-event-drawer.tsx';
import { LoginGate } from './login-gate.tsx';
import { useDispatchArea } from './use-dispatch-area.ts';
import { MapStatus } from './map-status.tsx';
import { useReadyState } from './use-ready-state.ts';

const COMMUNITY_FIELDS = ['streetCode'] as const;
const GRID_FIELDS = ['communityCode'] as const;
// filters and pulses move in 15 s steps: each step re-uploads the markers, the countdowns tick by the second
const FILTER_CLOCK_MS = 15_000;
const DRAWER_COVER = { top: 84, right: 420, bottom: 48, left: 48 };
const NO_COVER = { top: 84, right: 48, bottom: 48, left: 48 };
// a phone's map is the whole screen under the view switch; the drawer is a sheet over it
const PHONE_COVER = { top: 24, right: 24, bottom: 96, left: 24 };

/** /dispatch: the sign-in form, or the dispatch console of the signed-in user. */
export function DispatchPage() {
  return (
    <LoginGate header={<AppHeader page="dispatch" />}>
      {/* a new token is a new console: no cache or socket carries over between users */}
      {({ session, signOut }) => (
        <DispatchConsole key={session.token} session={session} onSignOut={signOut} />
      )}
    </LoginGate>
  );
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

  const { derived, nearbyCompounds, failure, compoundsReady } = useDispatchGeography(user.scope);

  const [filter, setFilter] = useState<EventFilter>(DEFAULT_FILTER);
  const onUnauthorized = useCallback(() => onSignOut('expired'), [onSignOut]);
  const live = useGrievanceEvents(token, filter, onUnauthorized);
  const { known, shown, counts, pulseMarkers } = useDispatchQueue(
    live.events,
    user.scope,
    filter,
    filterNow,
  );
  const selection = useEventSelection(shown);
  // frozen when the dialog opens: live updates must not change what is being dispatched
  const [bulkEvents, setBulkEvents] = useState<GrievanceEvent[] | null>(null);
  const focus = useEventFocus(live.events, selection.drawing || bulkEvents !== null);
  const { focusedId } = focus;
  const focused = focusedId === null ? null : (live.events.get(focusedId) ?? null);
  // a selection counts only what the filters show: nothing is dispatched unseen
  const selectedEvents = useMemo(
    () => shown.filter((event) => selection.selectedIds.has(event.id)),
    [shown, selection.selectedIds],
  );

  const allLoaded = derived !== null && compoundsReady && live.list.status !== 'loading';
  const readyState = useReadyState(allLoaded, failure !== undefined);
  const getTooltip = useGrievanceTooltip(now);

  const { merge } = live;
  const onBulkUpdated = useCallback((event: GrievanceEvent) => merge([event]), [merge]);

  const canHandle = handlerLevelOf(user.role) !== null;
  const areaName = derived ? areaNameOf(derived.area, t) : '…';
  const field = useFieldWork(token, user.username, live, onUnauthorized, onSignOut);
  const report = useFieldReport();
  useHeadsUp(live.events, live.list.status === 'ready', user, t);
  const { phone, phoneView, setPhoneView } = field;

  return (
    <>
      <DispatchHeader live={live} now={now} user={user} onLogout={field.logout} />
      <main className={`dispatch dispatch--${phone ? phoneView : 'desk'}`}>
        <DispatchPanel
          pendingIds={field.pendingIds}
          notices={<FieldNotices field={field} onReport={canHandle ? report.start : null} />}
          events={shown}
          total={known.length}
          counts={counts}
          // offline with the device's copy shown: the notice says so, not the failed request
          list={field.lastKnownAt && live.list.status === 'error' ? LIST_READY : live.list}
          areaName={areaName}
          filter={filter}
          onFilterChange={setFilter}
          selectedIds={selection.selectedIds}
          onToggleSelected={selection.toggle}
          focusedId={focusedId}
          onFocus={focus.focusFromQueue}
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
            selectedIds={selection.selectedIds}
            focusedId={focusedId}
            focusTarget={focus.focusTarget}
            coverPadding={phone ? PHONE_COVER : focused ? DRAWER_COVER : NO_COVER}
            drawing={selection.drawing}
            onDrawComplete={selection.selectWithin}
            onDrawCancel={selection.cancelDraw}
            getTooltip={getTooltip}
            onEventClick={focus.focusFromMap}
            onGridClick={selection.selectUnit}
            onFitted={readyState.onFitted}
            onAfterRender={readyState.onAfterRender}
            reportPoint={report.open && report.here.status === 'ready' ? report.here.point : null}
            onPickPoint={report.place}
          />
          <div className="dispatch__overlay">
            <DispatchToolbar
              selection={selection}
              units={derived?.area.units ?? EMPTY_UNITS}
              selectedCount={selectedEvents.length}
              onBulkDispatch={canHandle ? () => setBulkEvents(selectedEvents) : null}
            />
            {report.open ? (
              <div className="dispatch__drawer">
                <ReportPanel
                  token={token}
                  here={report.here}
                  onLocate={report.locate}
                  onShowMap={phone ? () => setPhoneView('map') : null}
                  outbox={field.outbox}
                  onReported={(event) => {
                    live.merge([event]);
                    report.close();
                    focus.focusFromQueue(event.id);
                  }}
                  onClose={report.close}
                />
              </div>
            ) : (
              focused && (
                <FocusedEventDrawer
                  event={focused}
                  user={user}
                  token={token}
                  unitNames={derived?.names ?? EMPTY_NAMES}
                  now={now}
                  grids={derived?.gridOptions}
                  outbox={field.outbox}
                  onUnauthorized={onUnauthorized}
                  onClose={focus.close}
                />
              )
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
          <MapStatus
            state={readyState.state}
            failure={failure}
            loadingText={t('dispatch.loading')}
          />
        </div>
        {phone && <PhoneViewSwitch view={phoneView} onChange={setPhoneView} count={shown.length} />}
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

type DispatchToolbarProps = {
  selection: EventSelection;
  units: AreaUnit[];
  selectedCount: number;
  /** null for a read-only user */
  onBulkDispatch: (() => void) | null;
};

/** Over the map: the selection tools (lasso, a unit's events, all shown, bulk dispatch), the legend. */
function DispatchToolbar({
  selection,
  units,
  selectedCount,
  onBulkDispatch,
}: DispatchToolbarProps) {
  const { t } = useI18n();
  return (
    <div className="dispatch__toolbar">
      <SelectionToolbar
        drawing={selection.drawing}
        onDrawToggle={selection.toggleDrawing}
        units={units}
        onPickUnit={selection.selectUnit}
        pickedUnit={selection.pickedUnit}
        onSelectShown={selection.selectShown}
        selectedCount={selectedCount}
        onClear={selection.clear}
        onBulkDispatch={onBulkDispatch}
        note={onBulkDispatch ? null : t('dispatch.readOnly')}
      />
      <GradeLegend />
    </div>
  );
}

type DispatchHeaderProps = {
  live: GrievanceEventsState;
  now: number;
  user: LoginResult['user'];
  onLogout: () => void;
};

/** The header with the console's tools: the live connection and the user. */
function DispatchHeader({ live, now, user, onLogout }: DispatchHeaderProps) {
  return (
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
          <UserBadge user={user} onLogout={onLogout} />
        </>
      }
    />
  );
}

/** Over the queue: what the device still has to send, and whether the queue is the last known. */
function FieldNotices({ field, onReport }: { field: FieldWork; onReport: (() => void) | null }) {
  const { t, formatDateTime } = useI18n();
  const notifications = useNotificationPermission();
  return (
    <>
      {onReport && (
        <div className="field-tools">
          <button type="button" className="button button--primary" onClick={onReport}>
            {t('report.open')}
          </button>
          {notifications.askable && (
            <button type="button" className="button" onClick={notifications.ask}>
              {t('headsUp.enable')}
            </button>
          )}
        </div>
      )}
      {field.lastKnownAt && (
        <p className="last-known" role="status">
          {t('outbox.lastKnown', { at: formatDateTime(field.lastKnownAt) })}
        </p>
      )}
      <OutboxPanel outbox={field.outbox} />
    </>
  );
}

/** The boundaries and compounds around the user's area, and the first of them that failed. */
function useDispatchGeography(scope: LoginResult['user']['scope']) {
  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities', COMMUNITY_FIELDS);
  const grids = useBoundaryLayer('grids', GRID_FIELDS);
  const compounds = useCompoundsLayer();
  const { derived, nearbyCompounds } = useDispatchArea(
    { district, streets, communities, grids },
    compounds,
    scope,
  );
  const failure = [district, streets, communities, grids, compounds].find(
    (state) => state.status === 'error',
  );
  return { derived, nearbyCompounds, failure, compoundsReady: compounds.status === 'ready' };
}

/** The name of the user's area: "district-wide", or its top units (a street, not its communities). */
function areaNameOf(area: DispatchArea, t: Translate): string {
  if (area.districtWide) return t('dispatch.districtWide');
  const top =
    area.streets.length > 0
      ? area.streets
      : area.communities.length > 0
        ? area.communities
        : area.grids;
  return top.map((unit) => unit.properties.name).join('、');
}

/** The map's tooltip for an event, with its countdown at the time it is shown. */
function useGrievanceTooltip(now: number) {
  const { t } = useI18n();
  const nowRef = useRef(now);
  useEffect(() => {
    nowRef.current = now;
  }, [now]);
  return useCallback(
    (info: PickingInfo) => {
      const object = info.object as GrievanceEvent | undefined;
      if (!object || info.layer?.id !== GRIEVANCES_LAYER_ID) return null;
      const html = getGrievanceTooltipHtml(object, t, nowRef.current);
      return { html, className: 'map-tooltip', style: TOOLTIP_STYLE };
    },
    [t],
  );
}

// who sees the feed to the district joint command platform (GET /api/command-feed/status)
const FEED_ROLES: ReadonlySet<string> = new Set(['operator', 'district_admin']);
const EMPTY_NAMES: ReadonlyMap<string, string> = new Map();
const EMPTY_GEOJSON = {};
const EMPTY_LABELS: never[] = [];
const EMPTY_UNITS: AreaUnit[] = [];
const LIST_READY = { status: 'ready' } as const;
