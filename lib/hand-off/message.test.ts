import { describe, expect, it } from 'vitest';
import { acknowledgesHandOff, buildHandOffMessage, FAILURE_APOLOGY, FAILURE_MESSAGE, failureMessage, outsideBusinessHours, waitingForTeam, type HandOffMessageContext, type HandOffVariant } from './message';
import { DEFAULT_HAND_OFF_MESSAGE, DEFAULT_HAND_OFF_TEXT, handOffMessageInput, readHandOffMessage } from './settings';

const context = (over: Partial<HandOffMessageContext> = {}): HandOffMessageContext => ({
  reason: 'customer_asked',
  flowSaidSo: false,
  settings: DEFAULT_HAND_OFF_MESSAGE,
  waitMs: null,
  ...over,
});

describe('buildHandOffMessage', () => {
  it('is the default text, with the expected wait when there is one', () => {
    expect(buildHandOffMessage(context())).toBe(DEFAULT_HAND_OFF_TEXT);
    expect(buildHandOffMessage(context({ waitMs: 4 * 60_000 }))).toBe('Thanks, a member of our team will be with you shortly. Expected wait: about 4 minutes.');
  });

  it('uses the shop’s text, leaves the wait out when asked, and says nothing when turned off', () => {
    const settings = { enabled: true, text: 'Hang tight! Our stylists reply fast.', includeWait: false };
    expect(buildHandOffMessage(context({ settings, waitMs: 60_000 }))).toBe('Hang tight! Our stylists reply fast.');
    expect(buildHandOffMessage(context({ settings: { ...settings, includeWait: true }, waitMs: 60_000 }))).toBe('Hang tight! Our stylists reply fast. Expected wait: about a minute.');
    expect(buildHandOffMessage(context({ settings: { ...settings, enabled: false }, waitMs: 60_000 }))).toBeNull();
  });

  it('acknowledges every hand-off except a flow step that said something itself', () => {
    for (const reason of ['customer_asked', 'invalid_input', 'bot_failed', 'flow_ended', 'flow'] as const) {
      expect(buildHandOffMessage(context({ reason }))).toBe(DEFAULT_HAND_OFF_TEXT);
    }
    expect(acknowledgesHandOff({ reason: 'flow', flowSaidSo: true })).toBe(false);
    expect(buildHandOffMessage(context({ reason: 'flow', flowSaidSo: true }))).toBeNull();
  });

  it('lets a variant in front answer instead, and falls through when it does not apply', () => {
    const closed: HandOffVariant = (c) => (c.reason === 'customer_asked' ? 'We are closed now; we reply from 9:00.' : null);
    const variants = [closed, waitingForTeam];
    expect(buildHandOffMessage(context(), variants)).toBe('We are closed now; we reply from 9:00.');
    expect(buildHandOffMessage(context({ reason: 'flow_ended' }), variants)).toBe(DEFAULT_HAND_OFF_TEXT);
    expect(buildHandOffMessage(context({ reason: 'flow_ended', settings: { ...DEFAULT_HAND_OFF_MESSAGE, enabled: false } }), variants)).toBeNull();
  });
});

describe('outside business hours', () => {
  const away = { text: 'We are closed right now.', reopensAt: new Date('2026-12-07T02:00:00Z'), timeZone: 'Asia/Bangkok' };

  it('answers with the away message and when the shop opens, in the shop’s zone, without a wait estimate', () => {
    expect(buildHandOffMessage(context({ away, waitMs: 60_000 }))).toBe('We are closed right now. We are back on Monday 7 Dec at 09:00.');
    expect(outsideBusinessHours(context({ away: { ...away, reopensAt: null } }))).toBe('We are closed right now.');
  });

  it('leaves the usual message to answer while open or when the away message is empty', () => {
    expect(buildHandOffMessage(context({ away: null }))).toBe(DEFAULT_HAND_OFF_TEXT);
    expect(buildHandOffMessage(context({ away: { ...away, text: '  ' } }))).toBe(DEFAULT_HAND_OFF_TEXT);
  });

  it('says nothing more when a flow’s hand-off step already told the customer', () => {
    expect(buildHandOffMessage(context({ away, reason: 'flow', flowSaidSo: true }))).toBeNull();
  });
});

describe('failureMessage', () => {
  it('apologises only, when the hand-off message follows; tells the whole story when it does not', () => {
    expect(failureMessage(DEFAULT_HAND_OFF_MESSAGE)).toBe(FAILURE_APOLOGY);
    expect(failureMessage({ ...DEFAULT_HAND_OFF_MESSAGE, enabled: false })).toBe(FAILURE_MESSAGE);
  });
});

describe('hand-off message settings', () => {
  it('reads defaults for a workspace that never saved them, and for malformed values', () => {
    expect(readHandOffMessage({})).toEqual(DEFAULT_HAND_OFF_MESSAGE);
    expect(readHandOffMessage({ handOffMessage: 'yes' })).toEqual(DEFAULT_HAND_OFF_MESSAGE);
    expect(readHandOffMessage({ handOffMessage: { enabled: false } })).toEqual({ ...DEFAULT_HAND_OFF_MESSAGE, enabled: false });
    expect(readHandOffMessage({ handOffMessage: { enabled: true, text: '  ', includeWait: 'no' } })).toEqual(DEFAULT_HAND_OFF_MESSAGE);
    expect(readHandOffMessage({ handOffMessage: { enabled: true, text: 'Be right there', includeWait: false } })).toEqual({ enabled: true, text: 'Be right there', includeWait: false });
  });

  it('takes the form’s checkboxes and refuses an empty text', () => {
    expect(handOffMessageInput.parse({ enabled: 'on', text: ' Hi ' })).toEqual({ enabled: true, includeWait: false, text: 'Hi' });
    expect(handOffMessageInput.safeParse({ enabled: 'on', includeWait: 'on', text: '   ' }).success).toBe(false);
  });
});
