import { describe, expect, it } from 'vitest';
import { isFiltered, parseTicketListQuery, ticketListHref } from './list-query';

describe('the Tickets page URL', () => {
  it('keeps valid filters and drops invalid ones', () => {
    const q = parseTicketListQuery({ status: 'on_hold', priority: 'nope', assignee: 'me', overdue: '1', sort: 'due', page: '2', tag: ['vip', 'x'] });
    expect(q).toEqual({ status: 'on_hold', priority: undefined, assignee: 'me', overdue: '1', sort: 'due', page: 2, tag: 'vip', q: undefined, type: undefined, team: undefined });
    expect(isFiltered(q)).toBe(true);
    expect(isFiltered(parseTicketListQuery({ sort: 'created' }))).toBe(false);
  });

  it('builds links without defaults', () => {
    expect(ticketListHref('/w/s/tickets', parseTicketListQuery({ q: '#12', status: 'open', page: '1' }))).toBe('/w/s/tickets?q=%2312&status=open');
    expect(ticketListHref('/w/s/tickets', parseTicketListQuery({}))).toBe('/w/s/tickets');
  });
});
