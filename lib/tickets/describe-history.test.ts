import { describe, expect, it } from 'vitest';
import { describeHistory, type HistoryEntry } from './describe-history';

const at = (iso: string) => iso.slice(0, 10);
const change = (field: string, oldValue: unknown, newValue: unknown, data: Record<string, unknown> = {}): HistoryEntry => ({
  kind: 'changed',
  actorName: 'Ana',
  field,
  oldValue,
  newValue,
  body: null,
  data,
});

describe('the history in words', () => {
  it('says who changed what from what to what', () => {
    expect(describeHistory(change('status', 'open', 'on_hold'), at)).toBe('Ana changed the status from Open to On hold');
    expect(describeHistory(change('assigneeId', null, 'u1', { fromName: null, toName: 'Ben' }), at)).toBe('Ana set the assignee to Ben');
    expect(describeHistory(change('teamId', 't1', null, { fromName: 'Returns', toName: null }), at)).toBe('Ana removed the team (was Returns)');
    expect(describeHistory(change('dueAt', null, '2026-12-24T10:00:00.000Z'), at)).toBe('Ana set the due date to 2026-12-24');
    expect(describeHistory(change('subject', 'Refund', 'Refund #1042'), at)).toBe('Ana changed the subject from “Refund” to “Refund #1042”');
    expect(describeHistory(change('tags', ['vip'], []), at)).toBe('Ana removed the tags (was vip)');
  });

  it('tells what the customer was told, or why not', () => {
    const notice = (sent: boolean, body: string): HistoryEntry => ({ kind: 'notification', actorName: null, field: null, oldValue: null, newValue: null, body, data: { sent } });
    expect(describeHistory(notice(true, 'Hi Kerry, #1 is solved.'), at)).toBe('The customer was told it is solved: Hi Kerry, #1 is solved.');
    expect(describeHistory(notice(false, 'The customer was not told: the solved message is turned off in Settings.'), at)).toMatch(/turned off/);
  });

  it('says which SLA target was missed and when it was due', () => {
    const missed = (target: string): HistoryEntry => ({ kind: 'sla_breached', actorName: null, field: null, oldValue: null, newValue: null, body: null, data: { target, dueAt: '2026-06-01T10:00:00.000Z' } });
    expect(describeHistory(missed('first_response'), at)).toMatch(/^The first response target was missed \(due .+\)$/);
    expect(describeHistory(missed('resolution'), at)).toMatch(/^The resolution target was missed/);
  });
});
