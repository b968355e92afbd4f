import { useState } from 'react';
import type { EnterpriseFile, Interview } from '../../../common/enterprises.ts';
import { INTERVIEW_OUTCOMES, INTERVIEW_REASONS } from '../../../common/enterprises.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { useFileWrite } from './enterprises-api.ts';

export type InterviewsViewProps = {
  token: string;
  file: EnterpriseFile;
  /** the enterprise's own user: answers open interviews */
  answers: boolean;
  /** the housing bureau: opens and closes interviews */
  keeps: boolean;
};

/** The interviews (约谈) of an enterprise with their deadlines, answers and outcomes, and their forms. */
export function InterviewsView({ token, file, answers, keeps }: InterviewsViewProps) {
  const { t } = useI18n();
  const write = useFileWrite(token, file.enterprise.id);
  const version = file.enterprise.version;
  return (
    <section className="ent-section" aria-label={t('ent.interviews.title')}>
      <h3>{t('ent.interviews.title')}</h3>
      {file.interviews.length === 0 && <p className="panel__note">{t('ent.none')}</p>}
      <ol className="ent-interviews">
        {file.interviews.map((i) => (
          <li key={i.id} className="ent-interview" data-interview-id={i.id}>
            <strong>
              #{i.id} {t(`ent.reason.${i.reason}`)}
            </strong>{' '}
            {i.subject}
            <div className="ent-interview__meta">
              {t('ent.interview.dates', { opened: i.openedOn, deadline: i.deadline })}
              {i.outcome && <> · {t(`ent.outcome.${i.outcome}`)}</>}
            </div>
            <div className="ent-interview__answer">
              {i.answer
                ? t('ent.interview.answered', { date: i.answeredOn ?? '', answer: i.answer })
                : t('ent.interview.unanswered')}
            </div>
            {answers && i.answer === null && i.outcome === null && (
              <AnswerForm
                onAnswer={(answer) =>
                  write.mutate({ path: `/interviews/${i.id}/answer`, body: { version, answer } })
                }
              />
            )}
            {keeps && i.outcome === null && (
              <CloseButtons
                interview={i}
                onClose={(outcome) =>
                  write.mutate({ path: `/interviews/${i.id}/close`, body: { version, outcome } })
                }
              />
            )}
          </li>
        ))}
      </ol>
      {keeps && (
        <OpenInterviewForm
          onOpen={(body) => write.mutate({ path: '/interviews', body: { version, ...body } })}
        />
      )}
      {write.error && (
        <p className="panel__status panel__status--error" role="alert">
          {t('ent.error', { message: write.error.message })}
        </p>
      )}
    </section>
  );
}

function AnswerForm({ onAnswer }: { onAnswer: (answer: string) => void }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState('');
  return (
    <form
      className="ent-form ent-form--inline"
      onSubmit={(e) => {
        e.preventDefault();
        onAnswer(answer);
      }}
    >
      <label>
        {t('ent.interview.answer')}
        <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} rows={2} required />
      </label>
      <button type="submit">{t('ent.interview.submitAnswer')}</button>
    </form>
  );
}

function CloseButtons({
  interview,
  onClose,
}: {
  interview: Interview;
  onClose: (outcome: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div
      className="ent-interview__close"
      aria-label={t('ent.interview.close', { id: interview.id })}
    >
      {INTERVIEW_OUTCOMES.map((o) => (
        <button key={o} type="button" onClick={() => onClose(o)}>
          {t(`ent.outcome.${o}`)}
        </button>
      ))}
    </div>
  );
}

function OpenInterviewForm({ onOpen }: { onOpen: (body: Record<string, string>) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<string>(INTERVIEW_REASONS[0]);
  const [subject, setSubject] = useState('');
  const [deadline, setDeadline] = useState('');
  return (
    <form
      className="ent-form"
      aria-label={t('ent.open.title')}
      onSubmit={(e) => {
        e.preventDefault();
        onOpen({ reason, subject, deadline });
      }}
    >
      <h4>{t('ent.open.title')}</h4>
      <label>
        {t('ent.open.reason')}
        <select value={reason} onChange={(e) => setReason(e.target.value)}>
          {INTERVIEW_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`ent.reason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ent.open.subject')}
        <input value={subject} onChange={(e) => setSubject(e.target.value)} required />
      </label>
      <label>
        {t('ent.open.deadline')}
        <input
          type="date"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          required
        />
      </label>
      <button type="submit">{t('ent.open.submit')}</button>
    </form>
  );
}
