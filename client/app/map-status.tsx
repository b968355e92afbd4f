import type { ApiState } from '../lib/use-api-query.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import type { ReadyState } from './use-ready-state.ts';

export type MapStatusProps = {
  state: ReadyState;
  /** the first layer that failed to load, if any */
  failure: ApiState<unknown> | undefined;
  /** the loading line; "loading…" by default */
  loadingText?: string;
};

/** The line over a map while its layers load, or the error of the first one that failed. */
export function MapStatus({ state, failure, loadingText }: MapStatusProps) {
  const { t } = useI18n();
  return (
    <>
      {state === 'loading' && (
        <div className="map-status" role="status">
          <span className="spinner" aria-hidden="true" />
          {loadingText ?? t('app.loading')}
        </div>
      )}
      {failure?.status === 'error' && (
        <div className="map-status map-status--error" role="alert">
          {t('app.loadFailed', { message: failure.error.message })}
        </div>
      )}
    </>
  );
}
