// Real image bytes for upload tests: file-type sniffs these as what they are.

/** A 1×1 red PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads bytes as the multipart field `photo` (with a stage) as a logged-in user. */
export async function uploadPhoto(
  server: { url: string },
  token: string,
  eventId: number,
  bytes: Buffer,
  opts: { stage?: string; filename?: string; type?: string; field?: string } = {},
): Promise<Response> {
  const form = new FormData();
  if (opts.stage) form.append('stage', opts.stage);
  form.append(
    opts.field ?? 'photo',
    new Blob([new Uint8Array(bytes)], { type: opts.type ?? 'image/png' }),
    opts.filename ?? 'photo.png',
  );
  return fetch(`${server.url}/api/events/${eventId}/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}
