import { useId } from 'react';
import { useI18n } from '../../lib/use-i18n.tsx';
import {
  ASSIGNEE_KIND_LABELS,
  ASSIGNEE_KINDS,
  ASSIGNEE_MAX_LENGTH,
  type AssigneeKind,
} from './assignee.ts';

export type AssigneeFieldsProps = {
  kind: AssigneeKind;
  name: string;
  onKindChange: (kind: AssigneeKind) => void;
  onNameChange: (name: string) => void;
  disabled?: boolean;
  /** names offered for the chosen kind (handlers seen on earlier dispatches) */
  suggestions?: string[];
};

/** Who an event is dispatched to: a kind (grid member / enterprise / department) and a name. */
export function AssigneeFields(props: AssigneeFieldsProps) {
  const { t } = useI18n();
  const id = useId();
  const suggestions = props.suggestions ?? [];
  return (
    <div className="action-form__assignee">
      <label className="form-field">
        <span className="form-field__label">{t('actionForm.assigneeKind')}</span>
        <select
          className="select"
          value={props.kind}
          disabled={props.disabled}
          onChange={(e) => props.onKindChange(e.target.value as AssigneeKind)}
        >
          {ASSIGNEE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(ASSIGNEE_KIND_LABELS[k])}
            </option>
          ))}
        </select>
      </label>
      <label className="form-field">
        <span className="form-field__label">{t('actionForm.assigneeName')}</span>
        <input
          className="input"
          required
          disabled={props.disabled}
          // room for the kind prefix formatAssignee adds
          maxLength={ASSIGNEE_MAX_LENGTH - 6}
          placeholder={t('actionForm.assigneePlaceholder')}
          list={suggestions.length > 0 ? `${id}-suggestions` : undefined}
          value={props.name}
          onChange={(e) => props.onNameChange(e.target.value)}
        />
        {suggestions.length > 0 && (
          <datalist id={`${id}-suggestions`}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        )}
      </label>
    </div>
  );
}
