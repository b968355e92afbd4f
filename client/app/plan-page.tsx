import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { LoginResult } from '../../common/auth.ts';
import {
  NEIGHBOUR_DISTANCE_M,
  type BundleProposal,
  type BundlingResult,
} from '../../common/bundling.ts';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import {
  PLAN_COMPOUNDS_KEY,
  useEnterprises,
  usePlanCompounds,
} from '../features/bundling/bundling-api.ts';
import { BundlingPanel } from '../features/bundling/bundling-panel.tsx';
import { toBundleHulls } from '../features/bundling/bundles-layer.ts';
import { findNeighbourLinks } from '../features/bundling/neighbour-links.ts';
import { useBundleEvaluation } from '../features/bundling/use-bundle-evaluation.ts';
import { useBundleSelection } from '../features/bundling/use-bundle-selection.ts';
import { useBundleSuggestion } from '../features/bundling/use-bundle-suggestion.ts';
import { useCompoundIndex, type CompoundIndex } from '../features/bundling/use-compound-index.ts';
import { useProposalEditor } from '../features/bundling/use-proposal-editor.ts';
import { useProposals } from '../features/bundling/use-proposals.ts';
import { coverageProgressKeys, unmanagedKeys } from '../features/coverage/coverage-progress-api.ts';
import { convexHull } from '../../geometry/convex-hull.ts';
import { districtIsoDate } from '../lib/locale-format.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { AppHeader } from './app-header.tsx';
import { LoginGate } from './login-gate.tsx';
import { PlanMapArea } from './plan-map-area.tsx';
import { PlanSidePanels } from './plan-side-panels.tsx';
import { usePlanGeography } from './use-plan-geography.ts';

/** Roles the planning API answers; anyone else sees the page but may not plan. */
const PLANNING_ROLES = new Set(['planner', 'district_admin', 'street_admin']);

/** /plan: the sign-in form, or the planner's workspace. */
export function PlanPage() {
  const { t } = useI18n();
  return (
    <LoginGate
      header={<AppHeader page="plan" />}
      title={t('plan.loginTitle')}
      subtitle={t('plan.loginSubtitle')}
    >
      {({ session, signOut }) => (
        <PlanWorkspace key={session.token} session={session} onSignOut={signOut} />
      )}
    </LoginGate>
  );
}

type PlanWorkspaceProps = {
  session: LoginResult;
  onSignOut: (reason?: SessionEndReason) => void;
};

function PlanWorkspace({ session, onSignOut }: PlanWorkspaceProps) {
  const { t } = useI18n();
  const { token, user } = session;
  const queryClient = useQueryClient();
  // the district's calendar day, as the default contract date and the chart's "today"
  const today = useMemo(() => districtIsoDate(new Date()), []);
  const ownStreet = user.role === 'street_admin' ? (user.scope.streets[0] ?? null) : null;
  const [streetCode, setStreetCode] = useState<string | null>(ownStreet);
  const [showLinks, setShowLinks] = useState(false);

  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities');
  const compounds = usePlanCompounds();
  const enterprises = useEnterprises(token);
  const geography = usePlanGeography({ district, streets, communities }, streetCode, ownStreet);
  const index = useCompoundIndex(compounds, streetCode);

  const onUnauthorized = useCallback(() => onSignOut('expired'), [onSignOut]);
  // any proposal change changes the unmanaged table; a contract also changes coverage modes
  const onProposalChanged = useCallback(
    (proposal: BundleProposal) => {
      void queryClient.invalidateQueries({ queryKey: unmanagedKeys.all });
      if (proposal.state !== 'contracted') return;
      void queryClient.invalidateQueries({ queryKey: coverageProgressKeys.all });
      void queryClient.invalidateQueries({ queryKey: PLAN_COMPOUNDS_KEY });
    },
    [queryClient],
  );
  const live = useProposals(token, onProposalChanged, onUnauthorized);
  const coverage = compounds.status === 'ready' ? compounds.data : null;
  const suggestion = useBundleSuggestion(
    token,
    streetCode,
    coverage,
    live.watchProgress,
    onUnauthorized,
  );
  const selection = useBundleSelection(index.inStreet, suggestion.result);
  const evaluation = useBundleEvaluation(token, selection.selected, onUnauthorized);
  const defaultName = useDefaultName(selection.selected, index.byId, geography.unitNames);
  const editor = useProposalEditor({
    token,
    selected: selection.selected,
    defaultName,
    merge: live.merge,
    onChanged: onProposalChanged,
    onSaved: selection.clear,
    onUnauthorized,
  });

  const overlays = usePlanOverlays(
    index,
    suggestion.result,
    showLinks,
    live.proposals.find((p) => p.id === editor.focusedId) ?? null,
  );

  const { reset: resetSuggestion } = suggestion;
  const onStreetChange = useCallback(
    (code: string | null) => {
      setStreetCode(code);
      resetSuggestion();
    },
    [resetSuggestion],
  );
  const { adopt, clear: clearSelection, replace: replaceSelection } = selection;
  const { resetName, loadName, setFocusedId } = editor;
  const onAdopt = useCallback(
    (bundleIndex: number) => {
      adopt(bundleIndex);
      resetName();
    },
    [adopt, resetName],
  );
  const onClear = useCallback(() => {
    clearSelection();
    resetName();
  }, [clearSelection, resetName]);
  const onLoadProposal = useCallback(
    (proposal: BundleProposal) => {
      setFocusedId(proposal.id);
      loadName(proposal.name);
      replaceSelection(proposal.compoundIds);
    },
    [setFocusedId, loadName, replaceSelection],
  );

  return (
    <>
      <AppHeader
        page="plan"
        tools={<UserBadge user={user} onLogout={() => onSignOut('logout')} />}
      />
      <main className="plan">
        <div className="plan__side plan__side--left">
          {!PLANNING_ROLES.has(user.role) && (
            <p className="panel plan-notice" role="alert">
              {t('plan.notAllowed', { role: t(`role.${user.role}`) })}
            </p>
          )}
          <BundlingPanel
            streets={geography.streetOptions}
            streetCode={streetCode}
            onStreetChange={onStreetChange}
            onSuggest={suggestion.suggest}
            running={suggestion.running}
            progress={suggestion.progress}
            result={suggestion.result}
            error={suggestion.error}
            stale={suggestion.stale}
            compoundNames={index.names}
            unitNames={geography.unitNames}
            adoptedIndex={selection.adoptedIndex}
            onAdopt={onAdopt}
            onPickCompound={selection.pick}
          />
        </div>
        <PlanMapArea
          layers={[district, streets, communities, compounds]}
          geography={geography}
          compounds={index.features}
          streetCode={streetCode}
          selection={selection}
          {...overlays}
          showLinks={showLinks}
          onShowLinks={setShowLinks}
          onBundleClick={onAdopt}
        />
        <PlanSidePanels
          token={token}
          streetCode={streetCode}
          index={index}
          unitNames={geography.unitNames}
          districtName={geography.districtName}
          selection={selection}
          evaluation={evaluation}
          editor={editor}
          onClear={onClear}
          live={live}
          enterprises={enterprises}
          onLoadProposal={onLoadProposal}
          today={today}
        />
      </main>
    </>
  );
}

/** The suggestion's hulls, the neighbour links (when shown) and the focused proposal's outline. */
function usePlanOverlays(
  index: CompoundIndex,
  result: BundlingResult | null,
  showLinks: boolean,
  focusedProposal: BundleProposal | null,
) {
  // drawn only when shown: the district-wide graph is a few hundred thousand segment pairs
  const links = useMemo(
    () => (showLinks ? findNeighbourLinks(index.inStreet, NEIGHBOUR_DISTANCE_M) : []),
    [showLinks, index.inStreet],
  );
  const hulls = useMemo(
    () => (result ? toBundleHulls(result.bundles, index.byId) : []),
    [result, index.byId],
  );
  const proposalOutline = useMemo(
    () =>
      focusedProposal
        ? convexHull(
            focusedProposal.compoundIds.flatMap(
              (id) => index.byId.get(id)?.geometry.coordinates[0] ?? [],
            ),
          )
        : null,
    [focusedProposal, index.byId],
  );
  return { links, hulls, proposalOutline };
}

/** A default name until the planner types one: "<community>·<first compound>等3个小区". */
function useDefaultName(
  selected: readonly number[],
  byId: ReadonlyMap<number, CompoundFeature>,
  unitNames: ReadonlyMap<string, string>,
): string {
  const { t } = useI18n();
  const first = selected[0] === undefined ? undefined : byId.get(selected[0]);
  if (!first) return '';
  const { communityCode, name } = first.properties;
  return t('plan.defaultName', {
    community: unitNames.get(communityCode ?? '') ?? communityCode ?? '',
    first: name,
    count: selected.length,
  });
}
