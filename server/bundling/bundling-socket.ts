import type { GrievanceIo } from '../grievances/grievances-socket.ts';
import { progressIdSchema } from './bundling-schemas.ts';

/** The room a suggestion's progress goes to; any process can emit to it through the adapter. */
export const progressRoom = (progressId: string) => `bundling:${progressId}`;

/** 'bundling:watch': an authenticated socket joins the progress room of a suggestion it will run. */
export function attachBundlingSocket(io: GrievanceIo): void {
  io.on('connection', (socket) => {
    socket.on('bundling:watch', async (progressId, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = progressIdSchema.safeParse(progressId);
      if (!parsed.success) {
        return ack({
          error: {
            code: 'bad_request',
            message: 'progressId: expected 8–64 letters, digits, - or _',
          },
        });
      }
      await socket.join(progressRoom(parsed.data));
      ack({ data: true });
    });
  });
}
