import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { LoginResult } from '../../common/auth.ts';
import type { BundleProposal, BundlingProgress, BundlingResult } from '../../common/bundling.ts';
import { NEIGHBOUR_DISTANCE_M } from '../../common/bundling.ts';
import type { Position } from '../../common/geo.ts';
import { LoginForm } from '../features/auth/login-form.tsx';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { toBoundaryLabels } from '../features/boundaries/boundaries-layer.ts';
import {
  createProposal,
  editProposal,
  evaluateBundle,
  postProposalAction,
  suggestBundles,
  useEnterprises,
  usePlanCompounds,
  type ProposalActionInput,
} from '../features/bundling/bundling-api.ts';
import { BundlingPanel } from '../features/bundling/bundling-panel.tsx';
import { PLAN_COMPOUNDS_LAYER_ID, toBundleHulls } from '../features/bundling/bundles-layer.ts';
import { findNeighbourLinks } from '../features/bundling/neighbour-links.ts';
import { ProposalsPanel } from '../features/bundling/proposals-panel.tsx';
import { SelectionPanel, type EvaluationState } from '../features/bundling/selection-panel.tsx';
import { useProposals } from '../features/bundling/use-proposals.ts';
import { getCompoundTooltipHtml } from '../features/compounds/compounds-tooltip.ts';
import {
  useCoverageProgress,
  useUnmanagedCompounds,
} from '../features/coverage/coverage-progress-api.ts';
import { CoverageProgressPanel } from '../features/coverage/coverage-progress-panel.tsx';
import { convexHull } from '../../geometry/convex-hull.ts';
import { featureBounds } from '../../geometry/bounds.ts';
import { labelPoint } from '../../geometry/label-point.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import { TOOLTIP_STYLE } from '../lib/theme.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { useSession, type SessionEndReason } from '../lib/use-session.tsx';
import { useStickyState } from '../lib/use-sticky-state.ts';
import { AppHeader } from './app-header.tsx';
import { PlanMap } from './plan-map.tsx';
import { useReadyState } from './use-ready-state.ts';

/** Roles the planning API answers; anyone else sees the page but may not plan. */
const PLANNING_ROLES = new Set(['planner', 'district_admin', 'street_admin']);

/** /plan: the sign-in form, or the planner's workspace. */
export function PlanPage() {
  const { session, signIn, signOut, endedBecause } = useSession();
  const { t } = useI18n();
  if (!session) {
    return (
      <>
        <AppHeader page="plan" />
        <LoginForm
          onSignedIn={signIn}
          endedBecause={endedBecause}
          title={t('plan.loginTitle')}
          subtitle={t('plan.loginSubtitle')}
        />
      </>
    );
  }
  return <PlanWorkspace key={session.token} session={session} onSignOut={signOut} />;
}

type PlanWorkspaceProps = {
  session: LoginResult;
  onSignOut: (reason?: SessionEndReason) => void;
};

function PlanWorkspace({ session, onSignOut }: PlanWorkspaceProps) {
  const { t } = useI18n();
  const { token, user } = session;
  const today = useMemo(() => localIsoDate(new Date()), []);
  const mayPlan = PLANNING_ROLES.has(user.role);
  const ownStreet = user.role === 'street_admin' ? (user.scope.streets[0] ?? null) : null;

  // a contract changes coverage modes (compounds, progress); any change changes the table
  const [coverageRevision, setCoverageRevision] = useState(0);
  const [tableRevision, setTableRevision] = useState(0);
  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities');
  const compounds = useStickyState(usePlanCompounds(coverageRevision));
  const enterprises = useEnterprises(token);

  const [streetCode, setStreetCode] = useState<string | null>(ownStreet);
  const progressDistrict = useStickyState(
    useCoverageProgress(token, { streetCode: null }, coverageRevision),
  );
  const progressStreet = useStickyState(
    useCoverageProgress(token, streetCode === null ? null : { streetCode }, coverageRevision),
  );
  const unmanaged = useStickyState(useUnmanagedCompounds(token, streetCode, tableRevision));

  const onUnauthorized = useCallback(() => onSignOut('expired'), [onSignOut]);
  const onProposalChanged = useCallback((proposal: BundleProposal) => {
    setTableRevision((n) => n + 1);
    if (proposal.state === 'contracted') setCoverageRevision((n) => n + 1);
  }, []);
  const live = useProposals(token, onProposalChanged, onUnauthorized);

  // suggestion
  const [result, setResult] = useState<BundlingResult | null>(null);
  // the coverage the suggestion was computed on: a contract since makes it stale
  const [resultRevision, setResultRevision] = useState(0);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<BundlingProgress | null>(null);
  const [suggestError, setSuggestError] = useState<string | null>(null);
  const [adoptedIndex, setAdoptedIndex] = useState<number | null>(null);

  // selection
  const [selected, setSelected] = useState<number[]>([]);
  const [evaluation, setEvaluation] = useState<EvaluationState>({ status: 'idle' });
  const [drawing, setDrawing] = useState(false);
  const [showLinks, setShowLinks] = useState(false);
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [focusedProposalId, setFocusedProposalId] = useState<number | null>(null);

  const compoundFeatures = useMemo(
    () => (compounds.status === 'ready' ? compounds.data.features : EMPTY_COMPOUNDS),
    [compounds],
  );
  const compoundsById = useMemo(
    () => new Map(compoundFeatures.map((feature) => [feature.properties.id, feature])),
    [compoundFeatures],
  );
  const compoundNames = useMemo(
    () => new Map(compoundFeatures.map((f) => [f.properties.id, f.properties.name])),
    [compoundFeatures],
  );
  const unitNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const state of [streets, communities]) {
      if (state.status !== 'ready') continue;
      for (const feature of state.data.features) {
        names.set(feature.properties.code, feature.properties.name);
      }
    }
    return names;
  }, [streets, communities]);
  const streetOptions = useMemo(
    () =>
      streets.status === 'ready'
        ? streets.data.features
            .map((feature) => feature.properties)
            .filter((street) => ownStreet === null || street.code === ownStreet)
        : [],
    [streets, ownStreet],
  );
  const districtName =
    district.status === 'ready' ? (district.data.features[0]?.properties.name ?? '') : '';

  const geojson = useMemo(
    () => ({
      district: district.status === 'ready' ? district.data : undefined,
      streets: streets.status === 'ready' ? streets.data : undefined,
      communities: communities.status === 'ready' ? communities.data : undefined,
    }),
    [district, streets, communities],
  );
  const bounds = useMemo(() => {
    if (streetCode !== null && streets.status === 'ready') {
      const street = streets.data.features.filter((f) => f.properties.code === streetCode);
      if (street.length > 0) return featureBounds(street);
    }
    return district.status === 'ready' ? featureBounds(district.data.features) : null;
  }, [streetCode, streets, district]);
  const streetLabels = useMemo(
    () => (streets.status === 'ready' ? toBoundaryLabels(streets.data.features) : []),
    [streets],
  );
  const communityLabels = useMemo(
    () => (communities.status === 'ready' ? toBoundaryLabels(communities.data.features) : []),
    [communities],
  );
  const streetCompounds = useMemo(
    () =>
      streetCode === null
        ? compoundFeatures
        : compoundFeatures.filter((f) => f.properties.streetCode === streetCode),
    [compoundFeatures, streetCode],
  );
  // drawn only when shown: the district-wide graph is a few hundred thousand segment pairs
  const links = useMemo(
    () => (showLinks ? findNeighbourLinks(streetCompounds, NEIGHBOUR_DISTANCE_M) : []),
    [showLinks, streetCompounds],
  );
  const hulls = useMemo(
    () => (result ? toBundleHulls(result.bundles, compoundsById) : []),
    [result, compoundsById],
  );
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  // with a street picked, its proposals only
  const streetProposals = useMemo(
    () =>
      streetCode === null
        ? live.proposals
        : live.proposals.filter((proposal) => proposal.streetCode === streetCode),
    [live.proposals, streetCode],
  );
  const focusedProposal = live.proposals.find((p) => p.id === focusedProposalId) ?? null;
  const proposalOutline = useMemo(
    () =>
      focusedProposal
        ? convexHull(
            focusedProposal.compoundIds.flatMap(
              (id) => compoundsById.get(id)?.geometry.coordinates[0] ?? [],
            ),
          )
        : null,
    [focusedProposal, compoundsById],
  );

  const layerStates = [district, streets, communities, compounds];
  const failure = layerStates.find((state) => state.status === 'error');
  const allLoaded = layerStates.every((state) => state.status === 'ready');
  const readyState = useReadyState(allLoaded, failure !== undefined);

  // live metrics of the selection, on every change; a newer selection aborts the older request
  const selectionKey = selected.join(',');
  useEffect(() => {
    if (selectionKey === '') {
      setEvaluation({ status: 'idle' });
      return;
    }
    const ids = selectionKey.split(',').map(Number);
    const controller = new AbortController();
    setEvaluation((current) => ({
      status: 'loading',
      last:
        current.status === 'ready'
          ? current.data
          : current.status === 'loading'
            ? current.last
            : null,
    }));
    evaluateBundle(token, ids, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        if ('data' in answer) setEvaluation({ status: 'ready', data: answer.data });
        else {
          if (answer.error.code === 'unauthorized') onUnauthorized();
          setEvaluation({ status: 'error', message: answer.error.message });
        }
      },
      () => undefined, // aborted
    );
    return () => controller.abort();
  }, [selectionKey, token, onUnauthorized]);

  // a default name until the planner types one: "<community>·<first compound>等3个小区"
  const firstSelected = selected[0] === undefined ? undefined : compoundsById.get(selected[0]);
  const defaultName = firstSelected
    ? t('plan.defaultName', {
        community:
          unitNames.get(firstSelected.properties.communityCode ?? '') ??
          firstSelected.properties.communityCode ??
          '',
        first: firstSelected.properties.name,
        count: selected.length,
      })
    : '';
  const shownName = nameTouched ? name : defaultName;

  const watchProgress = live.watchProgress;
  const onSuggest = useCallback(async () => {
    setRunning(true);
    setProgress(null);
    setSuggestError(null);
    const progressId = newProgressId();
    const stop = await watchProgress(progressId, setProgress);
    const answer = await suggestBundles(token, {
      streetCode: streetCode ?? undefined,
      progressId,
    });
    stop();
    setRunning(false);
    setAdoptedIndex(null);
    if ('data' in answer) {
      setResult(answer.data);
      setResultRevision(coverageRevision);
    } else {
      if (answer.error.code === 'unauthorized') onUnauthorized();
      setSuggestError(answer.error.message);
    }
  }, [token, streetCode, watchProgress, onUnauthorized, coverageRevision]);

  const onStreetChange = useCallback((code: string | null) => {
    setStreetCode(code);
    setResult(null);
    setAdoptedIndex(null);
    setSuggestError(null);
  }, []);

  const replaceSelection = useCallback((ids: number[]) => {
    setSelected(ids);
    setSaveError(null);
  }, []);
  const onAdopt = useCallback(
    (index: number) => {
      const bundle = result?.bundles[index];
      if (!bundle) return;
      setAdoptedIndex(index);
      setNameTouched(false);
      replaceSelection([...bundle.compoundIds]);
    },
    [result, replaceSelection],
  );
  const toggleCompound = useCallback((id: number) => {
    setAdoptedIndex(null);
    setSelected((current) =>
      current.includes(id) ? current.filter((other) => other !== id) : [...current, id],
    );
    setSaveError(null);
  }, []);
  const onPickCompound = useCallback(
    (id: number) => {
      if (!selectedSet.has(id)) toggleCompound(id);
    },
    [selectedSet, toggleCompound],
  );
  const selectWithin = useCallback(
    (ring: Position[]) => {
      setDrawing(false);
      const inside = streetCompounds
        .filter((feature) => {
          const at = labelPoint(feature.geometry);
          return at !== null && isPointInPolygon(at, [ring]);
        })
        .map((feature) => feature.properties.id);
      setAdoptedIndex(null);
      setSelected((current) => [...current, ...inside.filter((id) => !current.includes(id))]);
      setSaveError(null);
    },
    [streetCompounds],
  );
  const cancelDraw = useCallback(() => setDrawing(false), []);
  const clearSelection = useCallback(() => {
    setAdoptedIndex(null);
    setNameTouched(false);
    setName('');
    replaceSelection([]);
  }, [replaceSelection]);

  const merge = live.merge;
  const onSave = useCallback(async () => {
    const proposalName = shownName.trim();
    if (proposalName === '' || selected.length === 0) return;
    setSaving(true);
    setSaveError(null);
    const answer = await createProposal(token, { name: proposalName, compoundIds: selected });
    setSaving(false);
    if ('error' in answer) {
      if (answer.error.code === 'unauthorized') onUnauthorized();
      setSaveError(answer.error.message);
      return;
    }
    merge(answer.data);
    setTableRevision((n) => n + 1);
    setFocusedProposalId(answer.data.id);
    setAdoptedIndex(null);
    setNameTouched(false);
    setName('');
    setSelected([]);
  }, [shownName, selected, token, merge, onUnauthorized]);

  const onAction = useCallback(
    async (proposal: BundleProposal, input: ProposalActionInput) => {
      const answer = await postProposalAction(token, proposal, input);
      if ('error' in answer) {
        if (answer.error.code === 'unauthorized') onUnauthorized();
        return answer.error.message;
      }
      merge(answer.data);
      onProposalChanged(answer.data);
      return null;
    },
    [token, merge, onUnauthorized, onProposalChanged],
  );

  const onLoadProposal = useCallback(
    (proposal: BundleProposal) => {
      setAdoptedIndex(null);
      setFocusedProposalId(proposal.id);
      setName(proposal.name);
      setNameTouched(true);
      replaceSelection([...proposal.compoundIds]);
    },
    [replaceSelection],
  );
  const onReplaceCompounds = useCallback(
    async (proposal: BundleProposal) => {
      const answer = await editProposal(token, proposal, { compoundIds: selected });
      if ('error' in answer) {
        if (answer.error.code === 'unauthorized') onUnauthorized();
        return answer.error.message;
      }
      merge(answer.data);
      onProposalChanged(answer.data);
      return null;
    },
    [token, selected, merge, onUnauthorized, onProposalChanged],
  );

  const getTooltip = useCallback(
    (info: PickingInfo) => {
      if (info.layer?.id !== PLAN_COMPOUNDS_LAYER_ID || !info.object) return null;
      const html = getCompoundTooltipHtml((info.object as CompoundFeature).properties, t);
      return { html, className: 'map-tooltip', style: TOOLTIP_STYLE };
    },
    [t],
  );

  const selectedRows = useMemo(
    () =>
      selected.map((id) => {
        const feature = compoundsById.get(id);
        return {
          id,
          name: feature?.properties.name ?? `#${id}`,
          unmanaged: feature?.properties.coverageMode === 'none',
        };
      }),
    [selected, compoundsById],
  );
  const streetName = streetCode === null ? null : (unitNames.get(streetCode) ?? streetCode);
  const progressStreetEntry = useMemo(
    () => (streetName === null ? null : { name: streetName, progress: progressStreet }),
    [streetName, progressStreet],
  );
  const onSuggestClick = useCallback(() => void onSuggest(), [onSuggest]);
  const onSaveClick = useCallback(() => void onSave(), [onSave]);
  const onNameChange = useCallback((value: string) => {
    setName(value);
    setNameTouched(true);
  }, []);

  return (
    <>
      <AppHeader
        page="plan"
        tools={<UserBadge user={user} onLogout={() => onSignOut('logout')} />}
      />
      <main className="plan">
        <div className="plan__side plan__side--left">
          {!mayPlan && (
            <p className="panel plan-notice" role="alert">
              {t('plan.notAllowed', { role: t(`role.${user.role}`) })}
            </p>
          )}
          <BundlingPanel
            streets={streetOptions}
            streetCode={streetCode}
            onStreetChange={onStreetChange}
            onSuggest={onSuggestClick}
            running={running}
            progress={progress}
            result={result}
            error={suggestError}
            stale={result !== null && resultRevision !== coverageRevision}
            compoundNames={compoundNames}
            unitNames={unitNames}
            adoptedIndex={adoptedIndex}
            onAdopt={onAdopt}
            onPickCompound={onPickCompound}
          />
        </div>
        <div className="plan__map">
          <PlanMap
            label={t('plan.mapLabel')}
            state={readyState.state}
            t={t}
            geojson={geojson}
            bounds={bounds}
            compounds={compoundFeatures}
            streetCode={streetCode}
            selectedIds={selectedSet}
            hulls={hulls}
            adoptedIndex={adoptedIndex}
            links={links}
            showLinks={showLinks}
            proposalOutline={proposalOutline}
            streetLabels={streetLabels}
            communityLabels={communityLabels}
            drawing={drawing}
            onDrawComplete={selectWithin}
            onDrawCancel={cancelDraw}
            onCompoundClick={toggleCompound}
            onBundleClick={onAdopt}
            getTooltip={getTooltip}
            onFitted={readyState.onFitted}
            onAfterRender={readyState.onAfterRender}
          />
          <div className="plan__toolbar">
            <button
              type="button"
              className={`button${drawing ? ' button--active' : ''}`}
              onClick={() => setDrawing((on) => !on)}
              aria-pressed={drawing}
            >
              {drawing ? t('plan.cancelLasso') : t('plan.lasso')}
            </button>
            <label className="plan-toggle">
              <input
                type="checkbox"
                checked={showLinks}
                onChange={(event) => setShowLinks(event.target.checked)}
              />
              {t('plan.showLinks')}
            </label>
            <PlanLegend />
          </div>
          {readyState.state === 'loading' && (
            <div className="map-status" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('app.loading')}
            </div>
          )}
          {failure?.status === 'error' && (
            <div className="map-status map-status--error" role="alert">
              {t('app.loadFailed', { message: failure.error.message })}
            </div>
          )}
        </div>
        <div className="plan__side plan__side--right">
          <SelectionPanel
            selected={selectedRows}
            evaluation={evaluation}
            name={shownName}
            onNameChange={onNameChange}
            onSave={onSaveClick}
            saving={saving}
            saveError={saveError}
            onRemove={toggleCompound}
            onClear={clearSelection}
            drawing={drawing}
          />
          <ProposalsPanel
            proposals={streetProposals}
            status={live.status}
            error={live.error?.message ?? null}
            enterprises={enterprises}
            unitNames={unitNames}
            focusedId={focusedProposalId}
            onFocus={setFocusedProposalId}
            onAction={onAction}
            onLoad={onLoadProposal}
            selectionCount={selected.length}
            onReplace={onReplaceCompounds}
            today={today}
          />
          <CoverageProgressPanel
            district={progressDistrict}
            districtName={districtName}
            street={progressStreetEntry}
            unmanaged={unmanaged}
            today={today}
            onPickCompound={onPickCompound}
          />
        </div>
      </main>
    </>
  );
}

function PlanLegend() {
  const { t } = useI18n();
  return (
    <div className="plan-legend" aria-label={t('plan.legend')}>
      {(['none', 'professional', 'street_company', 'self_managed'] as const).map((mode) => (
        <span key={mode} className="plan-legend__item">
          <span className={`plan-legend__swatch plan-legend__swatch--${mode}`} aria-hidden="true" />
          {t(`coverageMode.${mode}`)}
        </span>
      ))}
    </div>
  );
}

function newProgressId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// the planner's calendar day, as the default contract date and the chart's "today"
function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const EMPTY_COMPOUNDS: CompoundFeature[] = [];
