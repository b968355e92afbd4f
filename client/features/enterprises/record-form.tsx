import { useState } from 'react';
import type { Role } from '../../../common/auth.ts';
import type { EnterpriseFile, RecordKind } from '../../../common/enterprises.ts';
import { PARTY_BUILDING_KINDS } from '../../../common/enterprises.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { useFileWrite } from './enterprises-api.ts';

type Writable = Exclude<RecordKind, 'inspection_failure'>;

// which records each role adds (the server checks the area: server/enterprises/enterprise-access.ts)
const KINDS: Partial<Record<Role, readonly Writable[]>> = {
  district_admin: ['bad_conduct', 'evaluation', 'party_building'],
  street_admin: ['evaluation'],
  community_admin: ['evaluation', 'party_building'],
};

export type RecordFormProps = {
  token: string;
  file: EnterpriseFile;
  role: Role;
  /** the unit a street or community admin evaluates as; null for the district */
  ownUnit: string | null;
};

/** Adds a credit record: 不良行为 (bureau), a yearly evaluation, a 党建联建 step. */
export function RecordForm({ token, file, role, ownUnit }: RecordFormProps) {
  const { t } = useI18n();
  const kinds = KINDS[role] ?? [];
  const write = useFileWrite(token, file.enterprise.id);
  const [kind, setKind] = useState<Writable>(kinds[0] ?? 'evaluation');
  const [fields, setFields] = useState<Record<string, string>>({});
  if (kinds.length === 0) return null;
  const field = (name: string, label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        value={fields[name] ?? ''}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
        required={name !== 'comments' && name !== 'project'}
      />
    </label>
  );
  return (
    <form
      className="ent-form"
      aria-label={t('ent.recordForm.title')}
      onSubmit={(e) => {
        e.preventDefault();
        write.mutate({ path: '/records', body: recordBody(kind, fields, file, ownUnit) });
      }}
    >
      <h4>{t('ent.recordForm.title')}</h4>
      <label>
        {t('ent.recordForm.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as Writable)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`ent.record.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {field('onDate', t('ent.recordForm.onDate'), 'date')}
      {kind === 'bad_conduct' && field('description', t('ent.recordForm.description'))}
      {kind === 'evaluation' && (
        <>
          {ownUnit === null && field('unitCode', t('ent.recordForm.unitCode'))}
          {field('contractPerformance', t('ent.recordForm.contractPerformance'), 'number')}
          {field('partyBuilding', t('ent.recordForm.partyBuilding'), 'number')}
          {field('comments', t('ent.recordForm.comments'))}
        </>
      )}
      {kind === 'party_building' && (
        <>
          <label>
            {t('ent.recordForm.step')}
            <select
              value={fields.step ?? PARTY_BUILDING_KINDS[0]}
              onChange={(e) => setFields({ ...fields, step: e.target.value })}
            >
              {PARTY_BUILDING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`ent.step.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {field('person', t('ent.recordForm.person'))}
          {field('project', t('ent.recordForm.project'))}
        </>
      )}
      <button type="submit">{t('ent.recordForm.submit')}</button>
      {write.error && (
        <p className="panel__status panel__status--error" role="alert">
          {t('ent.error', { message: write.error.message })}
        </p>
      )}
    </form>
  );
}

// the body the kind's schema takes (server/enterprises/enterprises-schemas.ts)
function recordBody(
  kind: Writable,
  f: Record<string, string>,
  file: EnterpriseFile,
  ownUnit: string | null,
): Record<string, unknown> {
  const base = { kind, version: file.enterprise.version, onDate: f.onDate ?? '' };
  if (kind === 'bad_conduct') return { ...base, description: f.description ?? '' };
  if (kind === 'party_building') {
    return {
      ...base,
      step: f.step ?? PARTY_BUILDING_KINDS[0],
      person: f.person ?? '',
      project: f.project ?? '',
    };
  }
  return {
    ...base,
    year: Number((f.onDate ?? '').slice(0, 4)),
    unitCode: ownUnit ?? f.unitCode ?? '',
    contractPerformance: Number(f.contractPerformance),
    partyBuilding: Number(f.partyBuilding),
    comments: f.comments ?? '',
  };
}
