import { describe, expect, it } from 'vitest';
import { diffTicket, normaliseTags, solvedAtAfter, subjectFromMessage, tellsCustomer, type TicketFields } from './changes';

const base: TicketFields = {
  subject: 'Parcel lost',
  description: '',
  status: 'open',
  priority: 'normal',
  type: 'problem',
  assigneeId: null,
  teamId: null,
  contactId: null,
  dueAt: null,
  tags: ['shipping'],
};

describe('diffTicket', () => {
  it('lists only the fields that change, status first', () => {
    expect(diffTicket(base, { subject: 'Parcel lost', priority: 'high', status: 'pending' })).toEqual([
      { field: 'status', from: 'open', to: 'pending' },
      { field: 'priority', from: 'normal', to: 'high' },
    ]);
  });

  it('compares due dates by instant and tags as a set', () => {
    const due = new Date('2026-12-01T10:00:00Z');
    const withDue = { ...base, dueAt: due, tags: ['a', 'b'] };
    expect(diffTicket(withDue, { dueAt: new Date(due.getTime()), tags: ['b', 'a'] })).toEqual([]);
    expect(diffTicket(withDue, { dueAt: null })).toEqual([{ field: 'dueAt', from: due, to: null }]);
  });

  it('treats an unset assignee and null alike', () => {
    expect(diffTicket(base, { assigneeId: null })).toEqual([]);
    expect(diffTicket(base, { assigneeId: 'u1' })).toEqual([{ field: 'assigneeId', from: null, to: 'u1' }]);
  });
});

describe('ticket rules', () => {
  it('normalises tags: trimmed, once each, order kept', () => {
    expect(normaliseTags([' VIP ', 'vip', '', 'late  parcel'])).toEqual(['VIP', 'late parcel']);
  });

  it('keeps solvedAt while solved or closed, clears it on reopening', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    const earlier = new Date('2026-12-02T08:00:00Z');
    expect(solvedAtAfter('open', 'solved', null, now)).toBe(now);
    expect(solvedAtAfter('solved', 'closed', earlier, now)).toBe(earlier);
    expect(solvedAtAfter('solved', 'open', earlier, now)).toBeNull();
    expect(solvedAtAfter('pending', 'closed', null, now)).toBe(now);
  });

  it('tells the customer only on a move into solved', () => {
    expect(tellsCustomer('open', 'solved')).toBe(true);
    expect(tellsCustomer('on_hold', 'solved')).toBe(true);
    expect(tellsCustomer('closed', 'solved')).toBe(false);
    expect(tellsCustomer('solved', 'closed')).toBe(false);
  });

  it('prefills a subject from the first line of the last message, cut at a word', () => {
    expect(subjectFromMessage('\n  Where is my parcel?\nIt was due Monday')).toBe('Where is my parcel?');
    const long = 'My order of three linen shirts arrived with one missing and the box was damaged on one side too';
    const subject = subjectFromMessage(long, 40);
    expect(subject.length).toBeLessThanOrEqual(40);
    expect(subject).toBe('My order of three linen shirts arrived…');
    expect(subjectFromMessage(null)).toBe('');
  });
});
