import { MAJOR_MATTERS, ORDER_OUTCOMES } from '../../../common/committees.ts';
import type { MessageKey } from '../../lib/i18n.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import type { EditorFields, useCommitteeEditor } from './use-committee-editor.ts';

// The change form's fields per choice: the duties' (disclosure, evaluation) and the supervision
// records' (meeting, account check, violation, order, closing an order).

type Editor = ReturnType<typeof useCommitteeEditor>;
type Keys<V> = {
  [K in keyof EditorFields]: EditorFields[K] extends V ? K : never;
}[keyof EditorFields];

function Text({ e, name, label }: { e: Editor; name: Keys<string>; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <label>
      {t(label)}
      <input
        name={name}
        value={e.fields[name]}
        onChange={(ev) => e.setField(name, ev.target.value)}
      />
    </label>
  );
}

function DateInput({ e, name, label }: { e: Editor; name: Keys<string>; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <label>
      {t(label)}
      <input
        type="date"
        name={name}
        value={e.fields[name]}
        onChange={(ev) => e.setField(name, ev.target.value)}
      />
    </label>
  );
}

function Check({ e, name, label }: { e: Editor; name: Keys<boolean>; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <label>
      <input
        type="checkbox"
        name={name}
        checked={e.fields[name]}
        onChange={(ev) => e.setField(name, ev.target.checked)}
      />
      {t(label)}
    </label>
  );
}

function NumberInput({ e, name, label }: { e: Editor; name: Keys<number>; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <label>
      {t(label)}
      <input
        type="number"
        name={name}
        value={e.fields[name]}
        onChange={(ev) => e.setField(name, Number(ev.target.value))}
      />
    </label>
  );
}

/** A quarter's disclosure or a year's evaluation. */
export function DutyFields({ e }: { e: Editor }) {
  if (e.choice === 'disclosure') {
    return (
      <>
        <Text e={e} name="quarter" label="supervise.form.quarter" />
        <Check e={e} name="workFunds" label="supervise.form.workFunds" />
        <Check e={e} name="commonRevenue" label="supervise.form.commonRevenue" />
      </>
    );
  }
  if (e.choice === 'evaluation') {
    return (
      <>
        <NumberInput e={e} name="year" label="supervise.form.year" />
        <NumberInput e={e} name="score" label="supervise.form.score" />
        <Text e={e} name="comments" label="supervise.form.comments" />
      </>
    );
  }
  return null;
}

/** A major-matter meeting: the matter, the report beforehand, the attendance, the decision. */
function MeetingFields({ e }: { e: Editor }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('supervise.form.matter')}
        <select
          name="matter"
          value={e.fields.matter}
          onChange={(ev) => e.setField('matter', ev.target.value as EditorFields['matter'])}
        >
          {MAJOR_MATTERS.map((m) => (
            <option key={m} value={m}>
              {t(`majorMatter.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <DateInput e={e} name="reportedOn" label="supervise.form.reportedOn" />
      <Check e={e} name="streetOffice" label="supervise.form.streetOffice" />
      <Check e={e} name="residentsCommittee" label="supervise.form.residentsCommittee" />
      <Text e={e} name="text" label="supervise.form.decision" />
    </>
  );
}

/** Which open order is closed, and how. */
function CloseOrderFields({ e }: { e: Editor }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('supervise.form.order')}
        <select
          name="orderId"
          value={e.orderId}
          onChange={(ev) => e.setField('orderId', Number(ev.target.value))}
        >
          {e.openOrders.map((o) => (
            <option key={o.id} value={o.id}>
              {o.subject} ({o.deadline})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('supervise.form.outcome')}
        <select
          name="outcome"
          value={e.fields.outcome}
          onChange={(ev) => e.setField('outcome', ev.target.value as EditorFields['outcome'])}
        >
          {ORDER_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`orderOutcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** The supervision records' own fields; the date field above is the record's date. */
export function RecordFields({ e }: { e: Editor }) {
  switch (e.choice) {
    case 'meeting':
      return <MeetingFields e={e} />;
    case 'account_check':
      return (
        <>
          <Text e={e} name="text" label="supervise.form.findings" />
          <Check e={e} name="compliant" label="supervise.form.compliant" />
        </>
      );
    case 'violation':
      return (
        <>
          <Text e={e} name="memberName" label="supervise.form.memberName" />
          <Text e={e} name="text" label="supervise.form.description" />
          <Check e={e} name="suspended" label="supervise.form.suspended" />
        </>
      );
    case 'order':
      return (
        <>
          <DateInput e={e} name="deadline" label="supervise.form.deadline" />
          <Text e={e} name="text" label="supervise.form.subject" />
        </>
      );
    case 'order_closed':
      return <CloseOrderFields e={e} />;
    default:
      return null;
  }
}
