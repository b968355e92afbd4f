import type { Position } from '../../common/geo.ts';
import { useCallback, useMemo, useState } from 'react';
import { createDrawLayers, type DrawDraft } from './draw-layers.ts';

const EMPTY_DRAFT: DrawDraft = { vertices: [], cursor: null };

export type PolygonDraft = {
  /** the layers showing the polygon being drawn (none when not drawing) */
  drawLayers: ReturnType<typeof createDrawLayers>;
  /** the props for <PolygonDraw>: it reports the draft, then completion or cancellation */
  drawProps: {
    active: boolean;
    onChange: (draft: DrawDraft) => void;
    onComplete: (ring: Position[]) => void;
    onCancel: () => void;
  };
};

/**
 * The state of a lasso drawn with <PolygonDraw>: the draft polygon's layers while `active`, and
 * the draft cleared when the ring is completed or the drawing cancelled.
 * @example
 * const { drawLayers, drawProps } = usePolygonDraft(drawing, onDrawComplete, onDrawCancel);
 * // <PolygonDraw {...drawProps} />, and drawLayers among the deck.gl layers
 */
export function usePolygonDraft(
  active: boolean,
  onComplete: (ring: Position[]) => void,
  onCancel: () => void,
): PolygonDraft {
  const [draft, setDraft] = useState<DrawDraft>(EMPTY_DRAFT);
  const drawLayers = useMemo(() => (active ? createDrawLayers(draft) : []), [active, draft]);
  const complete = useCallback(
    (ring: Position[]) => {
      setDraft(EMPTY_DRAFT);
      onComplete(ring);
    },
    [onComplete],
  );
  const cancel = useCallback(() => {
    setDraft(EMPTY_DRAFT);
    onCancel();
  }, [onCancel]);
  return {
    drawLayers,
    drawProps: { active, onChange: setDraft, onComplete: complete, onCancel: cancel },
  };
}
