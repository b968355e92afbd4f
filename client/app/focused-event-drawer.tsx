import { useCallback } from 'react';
import type { SessionUser } from '../../common/auth.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { EventDrawer, type EventDrawerProps } from '../features/grievances/event-drawer.tsx';
import {
  postEventAction,
  useEventDetail,
  type EventActionInput,
} from '../features/grievances/grievances-api.ts';

export type FocusedEventDrawerProps = {
  event: GrievanceEvent;
  user: SessionUser;
  token: string;
  unitNames: ReadonlyMap<string, string>;
  now: number;
  grids: EventDrawerProps['grids'];
  /** the answer to an action, into the live events */
  merge: (events: readonly GrievanceEvent[]) => void;
  onUnauthorized: () => void;
  onClose: () => void;
};

/**
 * The dispatch console's drawer for the focused event: its detail, fetched again with each new
 * version, and the actions, whose answers go straight into the live events.
 */
export function FocusedEventDrawer(props: FocusedEventDrawerProps) {
  const { event, token, merge, onUnauthorized } = props;
  const detail = useEventDetail(token, event.id, event.seq);
  const onAction = useCallback(
    async (input: EventActionInput) => {
      const result = await postEventAction(token, event.id, input);
      if ('data' in result) merge([result.data]);
      else if (result.error.code === 'unauthorized') onUnauthorized();
      return result;
    },
    [token, event.id, merge, onUnauthorized],
  );
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
      />
    </div>
  );
}
