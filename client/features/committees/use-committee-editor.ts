import { useState } from 'react';
import {
  ACTION_FROM,
  COMMITTEE_ACTIONS,
  type CommitteeAction,
  type CommitteeFile,
  type CommitteeMember,
} from '../../../common/committees.ts';
import { districtIsoDate } from '../../lib/locale-format.ts';
import { useCommitteeChange, type CommitteeChange } from './committees-api.ts';
import { blankMember } from './member-editor.tsx';

export type EditorChoice = CommitteeAction | 'disclosure' | 'evaluation';

/** The form's fields; each choice reads the ones it needs. */
export type EditorFields = {
  date: string;
  termStart: string;
  termEnd: string;
  quarter: string;
  year: number;
  score: number;
  comments: string;
  workFunds: boolean;
  commonRevenue: boolean;
  note: string;
};

/** The changes a committee in its state may take: lifecycle steps, then duties while it sits. */
export function choicesFor(file: CommitteeFile): EditorChoice[] {
  const actions = COMMITTEE_ACTIONS.filter((a) => ACTION_FROM[a].includes(file.state));
  const sitting = file.state === 'elected' || file.state === 'temporary';
  return sitting ? [...actions, 'disclosure', 'evaluation'] : actions;
}

/** The body POSTed for a choice, with the version the form was opened at. */
export function changeFor(
  choice: EditorChoice,
  f: EditorFields,
  members: CommitteeMember[],
  version: number,
): CommitteeChange {
  const note = f.note.trim() ? { note: f.note.trim() } : {};
  if (choice === 'disclosure') {
    const { quarter, workFunds, commonRevenue } = f;
    return {
      kind: 'disclosure',
      body: { version, quarter, publishedOn: f.date, workFunds, commonRevenue },
    };
  }
  if (choice === 'evaluation') {
    const { year, score, comments } = f;
    return { kind: 'evaluation', body: { version, year, score, comments, publishedOn: f.date } };
  }
  const dated: Record<CommitteeAction, Record<string, unknown>> = {
    prepare: { formedOn: f.date },
    elect: { electedOn: f.date, termStart: f.termStart, termEnd: f.termEnd, members },
    approve: { approvedOn: f.date },
    temporary: { formedOn: f.date, termEnd: f.termEnd, members },
    party_group: { formedOn: f.date },
    end_term: { endedOn: f.date },
  };
  return { kind: 'action', action: choice, body: { version, ...dated[choice], ...note } };
}

function initialFields(today: string): EditorFields {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // the last completed quarter
  return {
    date: today,
    termStart: today,
    termEnd: `${year + 5}${today.slice(4)}`,
    quarter: q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`,
    year: year - 1,
    score: 90,
    comments: '',
    workFunds: true,
    commonRevenue: true,
    note: '',
  };
}

/**
 * The change form of one committee: which change, its fields and members, and the submission
 * (the server's refusal, 409 or 422 with the plan's rule, comes back as `error`).
 */
export function useCommitteeEditor(token: string, file: CommitteeFile) {
  const choices = choicesFor(file);
  const [choice, setChoice] = useState<EditorChoice>(choices[0] ?? 'prepare');
  const [fields, setFields] = useState<EditorFields>(() =>
    initialFields(districtIsoDate(Date.now())),
  );
  const [members, setMembers] = useState<CommitteeMember[]>(() =>
    [0, 1, 2, 3, 4].map((i) => blankMember('elected', i === 0)),
  );
  const change = useCommitteeChange(token, file.compoundId);
  const current = choices.includes(choice) ? choice : (choices[0] ?? null);
  const membersFor = (kind: 'elected' | 'temporary') =>
    members.map((m) => ({
      ...m,
      organisation: kind === 'temporary' ? (m.organisation ?? 'owner_representative') : null,
    }));
  return {
    choices,
    choice: current,
    setChoice,
    fields,
    setField: <K extends keyof EditorFields>(key: K, value: EditorFields[K]) =>
      setFields((f) => ({ ...f, [key]: value })),
    members: membersFor(current === 'temporary' ? 'temporary' : 'elected'),
    setMembers,
    submit: () => {
      if (current === null) return;
      const kind = current === 'temporary' ? 'temporary' : 'elected';
      change.mutate(changeFor(current, fields, membersFor(kind), file.version));
    },
    pending: change.isPending,
    error: change.error?.body ?? null,
    saved: change.isSuccess,
  };
}
