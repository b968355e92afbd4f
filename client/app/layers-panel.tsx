import type { ReactNode } from 'react';
import type { MessageKey } from '../lib/i18n.ts';
import { useI18n } from '../lib/use-i18n.tsx';

export const TOGGLEABLE_LAYERS = [
  'streets',
  'communities',
  'grids',
  'compounds',
  'stations',
  'cameras',
  'coverage',
] as const;
export type ToggleableLayer = (typeof TOGGLEABLE_LAYERS)[number];
export type LayerVisibility = Record<ToggleableLayer, boolean>;

const LAYER_LABELS: Record<ToggleableLayer, MessageKey> = {
  streets: 'layers.streets',
  communities: 'layers.communities',
  grids: 'layers.grids',
  compounds: 'layers.compounds',
  stations: 'layers.stations',
  cameras: 'cameras.layer',
  coverage: 'layers.coverage',
};

export type LayersPanelProps = {
  visibility: LayerVisibility;
  onToggle: (layer: ToggleableLayer) => void;
  /** the zoom from which a layer shows, when the map is zoomed out further */
  hiddenBelowZoom: Partial<Record<ToggleableLayer, number>>;
  /** a legend under a layer's switch */
  legends: Partial<Record<ToggleableLayer, ReactNode>>;
  /** a small sample of the layer's look, after its name */
  swatches?: Partial<Record<ToggleableLayer, ReactNode>>;
};

/** Layer switches, each with its legend, in the map's drawing order (top first). */
export function LayersPanel({
  visibility,
  onToggle,
  hiddenBelowZoom,
  legends,
  swatches = {},
}: LayersPanelProps) {
  const { t } = useI18n();
  const order: ToggleableLayer[] = [
    'compounds',
    'stations',
    'cameras',
    'streets',
    'communities',
    'grids',
    'coverage',
  ];
  return (
    <section className="panel layers-panel" aria-label={t('layers.title')}>
      <h2 className="panel__title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {order.map((layer) => {
          const minZoom = hiddenBelowZoom[layer];
          return (
            <li key={layer} className="layer-list__item">
              <label className="switch">
                <input
                  type="checkbox"
                  checked={visibility[layer]}
                  onChange={() => onToggle(layer)}
                />
                <span className="switch__track" aria-hidden="true" />
                <span className="switch__label">{t(LAYER_LABELS[layer])}</span>
                {swatches[layer]}
                {minZoom !== undefined && (
                  <span className="switch__hint">{t('layers.fromZoom', { zoom: minZoom })}</span>
                )}
              </label>
              {visibility[layer] && legends[layer]}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
