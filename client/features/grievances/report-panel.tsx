import { useState, type FormEvent } from 'react';
import { CATEGORIES, type Category, type GrievanceEvent } from '../../../common/grievances.ts';
import { randomKey } from '../../lib/device-store.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { SidePanelHeader } from '../../lib/side-panel-header.tsx';
import { postReport } from './grievances-api.ts';
import { resizePhoto } from './photos-api.ts';
import type { Outbox } from './use-outbox.ts';
import type { Here } from './use-here.ts';

const DESCRIPTION_MAX_LENGTH = 2000; // the server's LIMITS.descriptionMax
const PHOTOS_MAX = 9; // the server's LIMITS.photosMax

export type ReportPanelProps = {
  token: string;
  here: Here;
  onLocate: () => void;
  /** on a phone: show the map so the point can be moved */
  onShowMap: (() => void) | null;
  outbox: Outbox;
  onReported: (event: GrievanceEvent) => void;
  onClose: () => void;
};

/**
 * "Report from where I stand": the phone's position (accuracy shown; a tap on the map moves the
 * point), a category, a description and photos, sent as a grid patrol's report.
 */
export function ReportPanel(props: ReportPanelProps) {
  const { t } = useI18n();
  const { here } = props;
  const [category, setCategory] = useState<Category>('property_service');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // one key per report: sending it again after a lost answer returns the same event
  const [key] = useState(randomKey);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (here.status !== 'ready' || !description.trim()) return;
    setSending(true);
    setError(null);
    const [lng, lat] = here.point.position;
    const result = await postReport(props.token, {
      channel: 'grid_patrol',
      category,
      description: description.trim(),
      location: { lng, lat },
      idempotencyKey: key,
    });
    if ('error' in result) {
      setSending(false);
      setError(t('actionForm.failed', { message: result.error.message }));
      return;
    }
    for (const photo of photos) await props.outbox.submitPhoto(result.data.id, photo, 'report');
    props.onReported(result.data);
  };

  const addPhotos = async (files: File[]) => {
    const small = await Promise.all(files.map((file) => resizePhoto(file).catch(() => null)));
    setPhotos((current) =>
      [...current, ...small.filter((b): b is Blob => b !== null)].slice(0, PHOTOS_MAX),
    );
  };

  return (
    <aside className="panel drawer report-panel" aria-label={t('report.title')}>
      <SidePanelHeader
        eyebrow={t('channel.grid_patrol')}
        title={t('report.title')}
        closeLabel={t('event.close')}
        onClose={props.onClose}
      />
      <form className="side-panel__body" onSubmit={(e) => void submit(e)}>
        <HereLine here={here} onLocate={props.onLocate} onShowMap={props.onShowMap} />
        <label className="form-field">
          <span className="form-field__label">{t('report.category')}</span>
          <select
            className="select"
            value={category}
            onChange={(e) => setCategory(e.target.value as Category)}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span className="form-field__label">{t('report.description')}</span>
          <textarea
            className="input textarea"
            rows={3}
            required
            maxLength={DESCRIPTION_MAX_LENGTH}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">
            {t('report.photos', { n: photos.length, max: PHOTOS_MAX })}
          </span>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            multiple
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void addPhotos(files);
            }}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="action-form__buttons">
          <button
            type="submit"
            className="button button--primary"
            disabled={sending || here.status !== 'ready'}
          >
            {sending ? t('actionForm.sending') : t('report.submit')}
          </button>
        </div>
      </form>
    </aside>
  );
}

type HereLineProps = Pick<ReportPanelProps, 'here' | 'onLocate' | 'onShowMap'>;

/** Where the report will be: locating, the fix with its accuracy, or the point placed by hand. */
function HereLine({ here, onLocate, onShowMap }: HereLineProps) {
  const { t } = useI18n();
  const text =
    here.status === 'ready'
      ? here.placed
        ? t('report.placed')
        : t('report.accuracy', { m: here.point.accuracy })
      : here.status === 'error'
        ? t('report.noFix', { message: here.message })
        : t('report.locating');
  return (
    <div className="report-here">
      <p className="report-here__text" data-status={here.status} role="status">
        {text}
      </p>
      <p className="panel__note">{t('report.moveHint')}</p>
      <div className="action-form__buttons">
        <button type="button" className="button" onClick={onLocate}>
          {t('report.locate')}
        </button>
        {onShowMap && (
          <button type="button" className="button" onClick={onShowMap}>
            {t('report.showMap')}
          </button>
        )}
      </div>
    </div>
  );
}
