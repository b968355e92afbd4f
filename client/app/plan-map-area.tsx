import type { PickingInfo } from '@deck.gl/core';
import { useCallback } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { Position } from '../../common/geo.ts';
import { PLAN_COMPOUNDS_LAYER_ID, type BundleHull } from '../features/bundling/bundles-layer.ts';
import type { NeighbourLink } from '../features/bundling/neighbour-links.ts';
import type { BundleSelection } from '../features/bundling/use-bundle-selection.ts';
import { getCompoundTooltipHtml } from '../features/compounds/compounds-tooltip.ts';
import { TOOLTIP_STYLE } from '../lib/theme.ts';
import type { ApiState } from '../lib/use-api-query.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { PlanMap } from './plan-map.tsx';
import type { usePlanGeography } from './use-plan-geography.ts';
import { MapStatus } from './map-status.tsx';
import { useReadyState } from './use-ready-state.ts';

export type PlanMapAreaProps = {
  /** the layers the map waits for: ready once all arrived, an error if one failed */
  layers: ApiState<unknown>[];
  geography: ReturnType<typeof usePlanGeography>;
  compounds: CompoundFeature[];
  streetCode: string | null;
  selection: BundleSelection;
  hulls: BundleHull[];
  links: NeighbourLink[];
  showLinks: boolean;
  onShowLinks: (show: boolean) => void;
  proposalOutline: Position[] | null;
  onBundleClick: (index: number) => void;
};

/** The planner's map with its toolbar (lasso, neighbour links, legend) and loading status. */
export function PlanMapArea(props: PlanMapAreaProps) {
  const { t } = useI18n();
  const { geography, selection, layers } = props;
  const failure = layers.find((state) => state.status === 'error');
  const allLoaded = layers.every((state) => state.status === 'ready');
  const readyState = useReadyState(allLoaded, failure !== undefined);
  const getTooltip = useCallback(
    (info: PickingInfo) => {
      if (info.layer?.id !== PLAN_COMPOUNDS_LAYER_ID || !info.object) return null;
      const html = getCompoundTooltipHtml((info.object as CompoundFeature).properties, t);
      return { html, className: 'map-tooltip', style: TOOLTIP_STYLE };
    },
    [t],
  );
  return (
    <div className="plan__map">
      <PlanMap
        label={t('plan.mapLabel')}
        state={readyState.state}
        t={t}
        geojson={geography.geojson}
        bounds={geography.bounds}
        compounds={props.compounds}
        streetCode={props.streetCode}
        selectedIds={selection.selectedSet}
        hulls={props.hulls}
        adoptedIndex={selection.adoptedIndex}
        links={props.links}
        showLinks={props.showLinks}
        proposalOutline={props.proposalOutline}
        streetLabels={geography.streetLabels}
        communityLabels={geography.communityLabels}
        drawing={selection.drawing}
        onDrawComplete={selection.selectWithin}
        onDrawCancel={selection.cancelDraw}
        onCompoundClick={selection.toggle}
        onBundleClick={props.onBundleClick}
        getTooltip={getTooltip}
        onFitted={readyState.onFitted}
        onAfterRender={readyState.onAfterRender}
      />
      <div className="plan__toolbar">
        <button
          type="button"
          className={`button${selection.drawing ? ' button--active' : ''}`}
          onClick={selection.toggleDrawing}
          aria-pressed={selection.drawing}
        >
          {selection.drawing ? t('plan.cancelLasso') : t('plan.lasso')}
        </button>
        <label className="plan-toggle">
          <input
            type="checkbox"
            checked={props.showLinks}
            onChange={(event) => props.onShowLinks(event.target.checked)}
          />
          {t('plan.showLinks')}
        </label>
        <PlanLegend />
      </div>
      <MapStatus state={readyState.state} failure={failure} />
    </div>
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
