import { useState, type FormEvent } from 'react';
import type { EventAction, GrievanceEvent } from '../../../common/grievances.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { AssigneeFields } from './assignee-fields.tsx';
import { allowedActions } from './allowed-actions.ts';
import { formatAssignee, type AssigneeKind } from './assignee.ts';
import type { EventActionInput } from './grievances-api.ts';
import type { ApiResult } from '../../../common/errors.ts';

/** Actions done with one click; the others open a form (a note, a reason or an assignee). */
const ONE_CLICK: ReadonlySet<EventAction> = new Set(['accept', 'start']);
/** Actions that need a reason: the next handler must know why. */
const REASON_REQUIRED: ReadonlySet<EventAction> = new Set(['escalate', 'return', 'reopen']);
/** Actions drawn as warnings: they send the event away or back. */
const WARNING: ReadonlySet<EventAction> = new Set(['escalate', 'return', 'reopen']);
const NOTE_MAX_LENGTH = 1000; // the server's LIMITS.noteMax

export type ActionBarProps = {
  event: GrievanceEvent;
  /** sends the action; the bar shows the server's error when it refuses */
  onAction: (input: EventActionInput) => Promise<ApiResult<GrievanceEvent>>;
  /** names to suggest for dispatch, e.g. the compound's property enterprise */
  suggestions?: { kind: AssigneeKind; name: string }[];
  /** the grids a returned event may be rerouted to */
  grids?: GridOption[];
};

export type GridOption = { code: string; name: string };

/** The buttons for the actions legal in the event's state, and the form of the chosen one. */
export function ActionBar({ event, onAction, suggestions = [], grids = [] }: ActionBarProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<EventAction | null>(null);
  const [pending, setPending] = useState<EventAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = allowedActions(event.state, event.level);

  const run = async (input: EventActionInput) => {
    setPending(input.action);
    setError(null);
    const result = await onAction(input);
    setPending(null);
    if ('error' in result) setError(t('actionForm.failed', { message: result.error.message }));
    else setOpen(null);
  };

  if (actions.length === 0) return <p className="panel__note">{t('event.noActions')}</p>;
  return (
    <div className="action-bar">
      <div className="action-bar__buttons">
        {actions.map((action, index) => (
          <button
            key={action}
            type="button"
            className={`button ${index === 0 ? 'button--primary' : WARNING.has(action) ? 'button--warning' : ''}`}
            aria-expanded={ONE_CLICK.has(action) ? undefined : open === action}
            disabled={pending !== null}
            onClick={() => {
              setError(null);
              if (ONE_CLICK.has(action)) void run({ action });
              else setOpen(open === action ? null : action);
            }}
          >
            {pending === action ? t('actionForm.sending') : t(`action.${action}`)}
          </button>
        ))}
      </div>
      {open && (
        <ActionForm
          key={`${event.id}-${open}`}
          action={open}
          pending={pending !== null}
          suggestions={suggestions}
          grids={grids.filter((g) => g.code !== event.gridCode)}
          onSubmit={(input) => void run(input)}
          onCancel={() => setOpen(null)}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type ActionFormProps = {
  action: EventAction;
  pending: boolean;
  suggestions: { kind: AssigneeKind; name: string }[];
  grids: GridOption[];
  onSubmit: (input: EventActionInput) => void;
  onCancel: () => void;
};

function ActionForm({ action, pending, suggestions, grids, onSubmit, onCancel }: ActionFormProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<AssigneeKind>('grid_member');
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [gridCode, setGridCode] = useState('');
  const isReroute = action === 'reroute';
  const needsReason = REASON_REQUIRED.has(action);
  const isDispatch = action === 'dispatch';
  const kindSuggestions = suggestions.filter((s) => s.kind === kind);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = note.trim();
    if (needsReason && !trimmed) return; // `required` lets a blank reason through
    if (isReroute && !gridCode) return;
    onSubmit({
      action,
      note: trimmed || undefined,
      assignee: isDispatch ? formatAssignee(kind, name) : undefined,
      gridCode: isReroute ? gridCode : undefined,
    });
  };

  return (
    <form className="action-form" onSubmit={submit} aria-label={t(`action.${action}`)}>
      {isDispatch && (
        <AssigneeFields
          kind={kind}
          name={name}
          onKindChange={setKind}
          onNameChange={setName}
          suggestions={kindSuggestions.map((s) => s.name)}
        />
      )}
      {isReroute && (
        <label className="form-field">
          <span className="form-field__label">{t('actionForm.grid')}</span>
          <select
            className="input"
            required
            value={gridCode}
            onChange={(e) => setGridCode(e.target.value)}
          >
            <option value="">{t('actionForm.chooseGrid')}</option>
            {grids.map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="form-field">
        <span className="form-field__label">
          {needsReason ? t('actionForm.reason') : t('actionForm.note')}
        </span>
        <textarea
          className="input textarea"
          rows={2}
          required={needsReason}
          maxLength={NOTE_MAX_LENGTH}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="action-form__buttons">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending
            ? t('actionForm.sending')
            : t('actionForm.confirm', { action: t(`action.${action}`) })}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('actionForm.cancel')}
        </button>
      </div>
    </form>
  );
}
