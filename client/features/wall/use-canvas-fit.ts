import { useEffect, useState } from 'react';
import { fitCanvas } from './wall-params.ts';

/** The scale and offset that fit the design canvas into the window, kept up to date. */
export function useCanvasFit(): ReturnType<typeof fitCanvas> {
  const [fit, setFit] = useState(() => fitCanvas(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setFit(fitCanvas(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return fit;
}
