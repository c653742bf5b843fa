import { describe, expect, it } from 'vitest';
import { DEFAULT_TICKET_SOLVED_MESSAGE, fillSolvedText, readTicketSolvedMessage, templateParametersFor } from './solved-message-settings';

describe('the solved message', () => {
  it('is on by default, and a malformed setting reads as its default', () => {
    expect(readTicketSolvedMessage({})).toEqual(DEFAULT_TICKET_SOLVED_MESSAGE);
    expect(readTicketSolvedMessage({ ticketSolvedMessage: { enabled: false, text: 'Done {ticket}', templateId: 'nope' } })).toEqual({
      enabled: false,
      text: 'Done {ticket}',
      templateId: null,
    });
  });

  it('fills the placeholders', () => {
    expect(fillSolvedText('Hi {name}, {ticket} ({subject}) is solved.', { name: 'Kerry', number: 12, subject: 'Parcel lost' })).toBe('Hi Kerry, #12 (Parcel lost) is solved.');
  });

  it('fills a template with up to three parameters', () => {
    const values = { name: 'Kerry', number: 12, subject: 'Parcel lost' };
    expect(templateParametersFor(0, values)).toEqual([]);
    expect(templateParametersFor(2, values)).toEqual(['Kerry', '#12']);
    expect(templateParametersFor(4, values)).toBeNull();
  });
});
