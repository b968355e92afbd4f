import { useState, type FormEvent } from 'react';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { AssigneeFields } from './assignee-fields.tsx';
import { formatAssignee, type AssigneeKind } from './assignee.ts';
import { postEventAction } from './grievances-api.ts';

export type BulkDispatchDialogProps = {
  token: string;
  events: GrievanceEvent[];
  /** each updated event, as the server answers */
  onUpdated: (event: GrievanceEvent) => void;
  onClose: () => void;
};

type Failure = { id: number; message: string };
type Progress = { done: number; total: number; ok: number; failures: Failure[]; finished: boolean };

/**
 * Dispatches every selected event to one assignee, one request after another, and reports each
 * failure with the server's reason (e.g. an event that changed state meanwhile).
 */
export function BulkDispatchDialog({ token, events, onUpdated, onClose }: BulkDispatchDialogProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<AssigneeKind>('grid_member');
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [acceptFirst, setAcceptFirst] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);
  const running = progress !== null && !progress.finished;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const assignee = formatAssignee(kind, name);
    const trimmedNote = note.trim() || undefined;
    const state: Progress = { done: 0, total: events.length, ok: 0, failures: [], finished: false };
    setProgress({ ...state });
    // one at a time: the server serialises them anyway, and a failure stays tied to its event
    for (const target of events) {
      let current = target;
      if (acceptFirst && current.state === 'reported') {
        const accepted = await postEventAction(token, current.id, { action: 'accept' });
        if ('data' in accepted) {
          current = accepted.data;
          onUpdated(current);
        }
      }
      const result = await postEventAction(token, current.id, {
        action: 'dispatch',
        assignee,
        note: trimmedNote,
      });
      if ('data' in result) {
        state.ok += 1;
        onUpdated(result.data);
      } else {
        state.failures.push({ id: target.id, message: result.error.message });
      }
      state.done += 1;
      setProgress({ ...state, failures: [...state.failures] });
    }
    setProgress({ ...state, failures: [...state.failures], finished: true });
  };

  return (
    <div className="dialog-backdrop">
      <form
        className="panel dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="bulk-dispatch-title"
        onSubmit={submit}
      >
        <h2 id="bulk-dispatch-title" className="panel__title">
          {t('bulk.title')}
        </h2>
        <p className="panel__note">{t('bulk.summary', { count: events.length })}</p>
        <AssigneeFields
          kind={kind}
          name={name}
          onKindChange={setKind}
          onNameChange={setName}
          disabled={progress !== null}
        />
        <label className="form-field">
          <span className="form-field__label">{t('actionForm.note')}</span>
          <textarea
            className="input textarea"
            rows={2}
            disabled={progress !== null}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={acceptFirst}
            disabled={progress !== null}
            onChange={(e) => setAcceptFirst(e.target.checked)}
          />
          {t('bulk.acceptFirst')}
        </label>

        {progress && (
          <div className="bulk-progress" role="status">
            {progress.finished
              ? t('bulk.result', { ok: progress.ok, failed: progress.failures.length })
              : t('bulk.progress', { done: progress.done, total: progress.total })}
            <progress max={progress.total} value={progress.done} />
          </div>
        )}
        {progress && progress.failures.length > 0 && (
          <ul className="bulk-failures" role="alert">
            {progress.failures.map((failure) => (
              <li key={failure.id}>
                {t('bulk.failure', { id: String(failure.id), message: failure.message })}
              </li>
            ))}
          </ul>
        )}

        <div className="action-form__buttons">
          {progress === null && (
            <button type="submit" className="button button--primary">
              {t('bulk.submit', { count: events.length })}
            </button>
          )}
          <button
            type="button"
            className="button button--ghost"
            disabled={running}
            onClick={onClose}
          >
            {progress?.finished ? t('bulk.close') : t('actionForm.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
