import { describe, expect, it } from 'vitest';
import {
  ASSIGNEE_KINDS,
  ASSIGNEE_MAX_LENGTH,
  formatAssignee,
  parseAssignee,
} from '../../client/features/grievances/assignee.ts';

describe('formatAssignee', () => {
  it('writes the kind in Chinese before the name', () => {
    expect(formatAssignee('grid_member', ' 王建国 ')).toBe('网格员：王建国');
    expect(formatAssignee('enterprise', '鲤城物业')).toBe('物业企业：鲤城物业');
    expect(formatAssignee('department', '区住建局')).toBe('职能部门：区住建局');
  });

  it("cuts to the server's 50-character limit, by character not by UTF-16 unit", () => {
    const text = formatAssignee('enterprise', '𠮷'.repeat(60));
    expect([...text].length).toBe(ASSIGNEE_MAX_LENGTH);
  });
});

describe('parseAssignee', () => {
  it('reads back every kind (round trip)', () => {
    for (const kind of ASSIGNEE_KINDS) {
      expect(parseAssignee(formatAssignee(kind, '张三'))).toEqual({ kind, name: '张三' });
    }
  });

  it('keeps a free-text assignee from elsewhere (the simulator) as a bare name', () => {
    expect(parseAssignee('金山社区网格员')).toEqual({ kind: null, name: '金山社区网格员' });
    expect(parseAssignee('')).toEqual({ kind: null, name: '' });
  });
});
