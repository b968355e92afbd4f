import { useState } from 'react';
import {
  SUPERVISION_GROUP_ROLES,
  type CommitteeFile,
  type SupervisionGroupRole,
} from '../../../common/committees.ts';
import { FieldError, FormError } from '../../lib/field-error.tsx';
import { districtIsoDate } from '../../lib/locale-format.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { useCommitteeChange } from './committees-api.ts';

export type SupervisionGroupPanelProps = {
  file: CommitteeFile;
  /** a writer's token: members can be added and ended; none = read only */
  token?: string;
};

const FIELDS = ['name', 'role', 'fromDate', 'toDate'] as const;

/** The committee's 业账社管 supervision group (三(三)): who sits in it, for whom, since and until when. */
export function SupervisionGroupPanel({ file, token }: SupervisionGroupPanelProps) {
  const { t } = useI18n();
  return (
    <section className="supervision-group" aria-label={t('supervisionGroup.title')}>
      <h3 className="panel__eyebrow">{t('supervisionGroup.title')}</h3>
      {file.supervisionGroup.length === 0 ? (
        <p className="panel__status">{t('supervisionGroup.empty')}</p>
      ) : (
        <ul>
          {file.supervisionGroup.map((m) => (
            <li key={m.id} data-member-id={m.id} data-ended={m.toDate !== null}>
              {m.name} · {t(`supervisionGroupRole.${m.role}`)} · {m.fromDate} –{' '}
              {m.toDate ?? t('supervisionGroup.current')}
            </li>
          ))}
        </ul>
      )}
      {token && <SupervisionGroupEditor file={file} token={token} />}
    </section>
  );
}

function SupervisionGroupEditor({ file, token }: { file: CommitteeFile; token: string }) {
  const { t } = useI18n();
  const change = useCommitteeChange(token, file.compoundId);
  const [today] = useState(() => districtIsoDate(Date.now()));
  const [name, setName] = useState('');
  const [role, setRole] = useState<SupervisionGroupRole>('party_organisation');
  const [fromDate, setFromDate] = useState(today);
  const [ending, setEnding] = useState('');
  const [toDate, setToDate] = useState(today);
  const error = change.error?.body ?? null;
  const current = file.supervisionGroup.filter((m) => m.toDate === null);
  const err = (field: (typeof FIELDS)[number]) => (
    <FieldError error={error} field={field} label={t(`supervisionGroup.${field}`)} />
  );
  return (
    <form
      className="committee-form supervision-group__form"
      aria-label={t('supervisionGroup.title')}
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(
          {
            kind: 'record',
            path: 'supervision-group',
            body: { version: file.version, name, role, fromDate },
          },
          { onSuccess: () => setName('') },
        );
      }}
    >
      <label>
        {t('supervisionGroup.name')}
        <input name="groupName" value={name} onChange={(e) => setName(e.target.value)} />
        {err('name')}
      </label>
      <label>
        {t('supervisionGroup.role')}
        <select
          name="groupRole"
          value={role}
          onChange={(e) => setRole(e.target.value as SupervisionGroupRole)}
        >
          {SUPERVISION_GROUP_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`supervisionGroupRole.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('supervisionGroup.fromDate')}
        <input
          type="date"
          name="groupFrom"
          value={fromDate}
          onChange={(e) => setFromDate(e.target.value)}
        />
        {err('fromDate')}
      </label>
      <button type="submit" disabled={change.isPending}>
        {t('supervisionGroup.add')}
      </button>
      {current.length > 0 && (
        <div className="supervision-group__end">
          <select name="groupEnding" value={ending} onChange={(e) => setEnding(e.target.value)}>
            <option value="">{t('registers.choose')}</option>
            {current.map((m) => (
              <option key={m.id} value={String(m.id)}>
                {m.name}
              </option>
            ))}
          </select>
          <input
            type="date"
            name="groupTo"
            aria-label={t('supervisionGroup.toDate')}
            value={toDate}
            onChange={(e) => setToDate(e.target.value)}
          />
          <button
            type="button"
            disabled={change.isPending || ending === ''}
            onClick={() =>
              change.mutate({
                kind: 'record',
                path: `supervision-group/${ending}/end`,
                body: { version: file.version, toDate },
              })
            }
          >
            {t('supervisionGroup.end')}
          </button>
          {err('toDate')}
        </div>
      )}
      <FormError error={error} fields={FIELDS} />
    </form>
  );
}
