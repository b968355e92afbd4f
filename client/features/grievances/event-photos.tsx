import { useRef, useState, type ChangeEvent } from 'react';
import type { EventPhoto, GrievanceEvent, PhotoStage } from '../../../common/grievances.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { resizePhoto, useEventPhotos, usePhotoObjectUrl } from './photos-api.ts';
import type { Outbox } from './use-outbox.ts';

export type EventPhotosProps = {
  event: GrievanceEvent;
  token: string;
  outbox: Outbox;
  /** whether the user may add photos (a handler of the event) */
  canAdd: boolean;
};

/** The stage a new photo documents, from the event's state. */
export function photoStageOf(state: GrievanceEvent['state']): PhotoStage {
  if (state === 'reported') return 'accept';
  if (state === 'in_progress' || state === 'resolved') return 'resolve';
  return 'progress';
}

/** The event's photo evidence: thumbnails, the ones waiting to be sent, and "take a photo". */
export function EventPhotos({ event, token, outbox, canAdd }: EventPhotosProps) {
  const { t } = useI18n();
  const photos = useEventPhotos(token, event.id, event.seq, outbox.uploads);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const waiting = outbox.items.filter((i) => i.kind === 'photo' && i.eventId === event.id).length;

  const onPick = async (change: ChangeEvent<HTMLInputElement>) => {
    const files = [...(change.target.files ?? [])];
    change.target.value = ''; // the same photo may be picked again
    setBusy(true);
    setMessage(null);
    for (const file of files) {
      const small = await resizePhoto(file).catch(() => null);
      if (!small) {
        setMessage(t('photos.unreadable'));
        continue;
      }
      const result = await outbox.submitPhoto(event.id, small, photoStageOf(event.state));
      if (result === 'queued') setMessage(t('photos.queued'));
      else if (result !== 'sent') setMessage(t('actionForm.failed', { message: result }));
    }
    setBusy(false);
  };

  const list = photos.status === 'ready' ? photos.data : [];
  return (
    <section className="detail-section event-photos">
      <h3 className="detail-section__title">{t('photos.title')}</h3>
      {list.length === 0 && waiting === 0 && <p className="panel__note">{t('photos.none')}</p>}
      <ul className="event-photos__list">
        {list.map((photo) => (
          <PhotoThumb key={photo.id} photo={photo} token={token} />
        ))}
      </ul>
      {waiting > 0 && (
        <p className="outbox-note" role="status">
          {t('photos.waiting', { n: waiting })}
        </p>
      )}
      {canAdd && (
        <>
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            multiple
            aria-label={t('photos.add')}
            onChange={(change) => void onPick(change)}
          />
          <button
            type="button"
            className="button event-photos__add"
            disabled={busy}
            onClick={() => input.current?.click()}
          >
            {busy ? t('actionForm.sending') : t('photos.add')}
          </button>
        </>
      )}
      {message && <p className="panel__note">{message}</p>}
    </section>
  );
}

function PhotoThumb({ photo, token }: { photo: EventPhoto; token: string }) {
  const { t, formatDateTime } = useI18n();
  const src = usePhotoObjectUrl(token, photo.url);
  const label = t('photos.caption', {
    stage: t(`photoStage.${photo.stage}`),
    who: photo.uploadedBy,
    at: formatDateTime(photo.uploadedAt),
  });
  return (
    <li className="event-photos__item" data-photo-id={photo.id}>
      {src ? (
        <a href={src} target="_blank" rel="noreferrer noopener">
          <img className="event-photos__img" src={src} alt={label} />
        </a>
      ) : (
        <span className="event-photos__img event-photos__img--loading" aria-label={label} />
      )}
      <span className="event-photos__caption">{label}</span>
    </li>
  );
}
