import { canPlan } from '../auth/principal.ts';
import type { GrievanceIo } from '../grievances/grievances-socket.ts';
import { progressIdSchema } from './bundling-schemas.ts';

/**
 * The room a suggestion's progress goes to: the user's own, so another user who knows (or guesses)
 * the progressId gets nothing; any process can emit to it through the adapter.
 */
export const progressRoom = (userId: number, progressId: string) =>
  `bundling:${userId}:${progressId}`;

/** 'bundling:watch': a socket of a user who may plan joins its own progress room of a suggestion. */
export function attachBundlingSocket(io: GrievanceIo): void {
  io.on('connection', (socket) => {
    socket.on('bundling:watch', async (progressId, ack) => {
      if (typeof ack !== 'function') return;
      const p = socket.data.principal;
      if (p.kind !== 'user' || !canPlan(p)) {
        return ack({
          error: { code: 'forbidden', message: 'Bundling is for planners and street admins' },
        });
      }
      const parsed = progressIdSchema.safeParse(progressId);
      if (!parsed.success) {
        return ack({
          error: {
            code: 'bad_request',
            message: 'progressId: expected 8–64 letters, digits, - or _',
          },
        });
      }
      await socket.join(progressRoom(p.id, parsed.data));
      ack({ data: true });
    });
  });
}
