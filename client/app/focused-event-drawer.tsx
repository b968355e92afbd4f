import { useCallback } from 'react';
import type { SessionUser } from '../../common/auth.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { EventDrawer, type EventDrawerProps } from '../features/grievances/event-drawer.tsx';
import type { ApiResult } from '../../common/errors.ts';
import { handlerLevelOf } from '../features/grievances/allowed-actions.ts';
import { EventPhotos } from '../features/grievances/event-photos.tsx';
import { useEventDetail, type EventActionInput } from '../features/grievances/grievances-api.ts';
import type { Outbox } from '../features/grievances/use-outbox.ts';

export type FocusedEventDrawerProps = {
  event: GrievanceEvent;
  user: SessionUser;
  token: string;
  unitNames: ReadonlyMap<string, string>;
  now: number;
  grids: EventDrawerProps['grids'];
  /** sends actions (or keeps them on the device while offline) and photos */
  outbox: Outbox;
  onUnauthorized: () => void;
  onClose: () => void;
};

/**
 * The dispatch console's drawer for the focused event: its detail, fetched again with each new
 * version, and the actions, whose answers go straight into the live events.
 */
export function FocusedEventDrawer(props: FocusedEventDrawerProps) {
  const { event, token, outbox, onUnauthorized } = props;
  const detail = useEventDetail(token, event.id, event.seq);
  const { submitAction } = outbox;
  const onAction = useCallback(
    async (input: EventActionInput): Promise<ApiResult<GrievanceEvent>> => {
      const result = await submitAction(event.id, input);
      // kept on the device: the form closes, the drawer says it waits (outbox.waiting)
      if (result === 'queued') return { data: event };
      if ('error' in result && result.error.code === 'unauthorized') onUnauthorized();
      return result;
    },
    [submitAction, event, onUnauthorized],
  );
  const queued = outbox.items
    .filter((item) => item.kind === 'action' && item.eventId === event.id)
    .filter((item) => item.status === 'pending')
    .map((item) => (item.kind === 'action' ? item.input : null)!);
  return (
    <div className="dispatch__drawer">
      <EventDrawer
        event={event}
        detail={detail}
        user={props.user}
        token={token}
        unitNames={props.unitNames}
        now={props.now}
        onAction={onAction}
        onClose={props.onClose}
        grids={props.grids}
        queued={queued}
        evidence={
          <EventPhotos
            event={event}
            token={token}
            outbox={outbox}
            canAdd={handlerLevelOf(props.user.role) !== null}
          />
        }
      />
    </div>
  );
}
