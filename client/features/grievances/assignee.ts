import type { MessageKey } from '../../lib/i18n.ts';

// who an event is dispatched to is free text on the server (≤ 50 characters). The dispatch form
// writes it as "<kind>：<name>" with the kind in Chinese, the platform's working language, so every
// other client and report reads it as is; this client maps the kind back for the English UI.

export const ASSIGNEE_KINDS = ['grid_member', 'enterprise', 'department'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];

/** The server's limit on the assignee text (grievances-schemas.ts, LIMITS.nameMax). */
export const ASSIGNEE_MAX_LENGTH = 50;

const KIND_PREFIXES: Record<AssigneeKind, string> = {
  grid_member: '网格员',
  enterprise: '物业企业',
  department: '职能部门',
};
const SEPARATOR = '：';

export const ASSIGNEE_KIND_LABELS: Record<AssigneeKind, MessageKey> = {
  grid_member: 'assigneeKind.grid_member',
  enterprise: 'assigneeKind.enterprise',
  department: 'assigneeKind.department',
};

/**
 * The assignee text for a kind and a name, cut to the server's limit.
 * @example formatAssignee('grid_member', '张三') // "网格员：张三"
 */
export function formatAssignee(kind: AssigneeKind, name: string): string {
  const text = `${KIND_PREFIXES[kind]}${SEPARATOR}${name.trim()}`;
  return [...text].slice(0, ASSIGNEE_MAX_LENGTH).join('');
}

/**
 * The kind and name of an assignee written by formatAssignee; other texts come back as a name
 * without kind.
 * @example parseAssignee('物业企业：鲤城物业') // { kind: 'enterprise', name: '鲤城物业' }
 */
export function parseAssignee(text: string): { kind: AssigneeKind | null; name: string } {
  for (const kind of ASSIGNEE_KINDS) {
    const prefix = `${KIND_PREFIXES[kind]}${SEPARATOR}`;
    if (text.startsWith(prefix)) return { kind, name: text.slice(prefix.length) };
  }
  return { kind: null, name: text };
}
