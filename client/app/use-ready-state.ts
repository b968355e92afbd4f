import { useCallback, useEffect, useRef, useState } from 'react';

export type ReadyState = 'loading' | 'ready' | 'error';

/**
 * 'ready' once every layer has loaded, the map has fitted its bounds and rendered them, and deck.gl
 * has drawn the loaded layers: browser tests wait for data-state="ready" before picking.
 */
export function useReadyState(allLoaded: boolean, failed: boolean) {
  const [ready, setReady] = useState(false);
  const progress = useRef({ allLoaded, fitted: false, drawn: false });
  useEffect(() => {
    progress.current.allLoaded = allLoaded;
  }, [allLoaded]);

  const check = useCallback(() => {
    const { fitted, drawn } = progress.current;
    // one more frame, so the first render after the fit is on screen, not just queued
    if (fitted && drawn) requestAnimationFrame(() => setReady(true));
  }, []);
  const onFitted = useCallback(() => {
    progress.current.fitted = true;
    check();
  }, [check]);
  const onAfterRender = useCallback(() => {
    const current = progress.current;
    if (current.drawn || !current.allLoaded) return;
    current.drawn = true;
    check();
  }, [check]);

  const state: ReadyState = failed ? 'error' : ready ? 'ready' : 'loading';
  return { state, onFitted, onAfterRender };
}
