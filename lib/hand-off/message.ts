import type { HandOffReason } from '@/lib/conversations/state-machine';
import type { HandOffMessageSettings } from './settings';
import { describeWait } from './wait-estimate';
import { formatInZone, zonedParts } from '@/lib/time/format';

// What the bot tells a customer it just handed to the team. Pure: the runtime gathers the
// context (settings, why, the wait estimate) and queues the text like any bot message.

export type HandOffMessageContext = {
  reason: HandOffReason;
  /** The flow's hand-off step said something itself: its words are the acknowledgement. */
  flowSaidSo: boolean;
  settings: HandOffMessageSettings;
  /** The expected wait (lib/hand-off/wait-estimate.ts), null when there is no basis. */
  waitMs: number | null;
  /** Outside business hours: the shop's away message and when it opens again; absent when open. */
  away?: AwayContext | null;
};

export type AwayContext = { text: string; reopensAt: Date | null; timeZone: string };

/**
 * One way of answering a hand-off: returns the text when it applies, null otherwise.
 * Variants are tried in order and the first that answers wins, so a message for other
 * circumstances (outside business hours, say) goes in front of the queue's own without
 * changing it.
 */
export type HandOffVariant = (context: HandOffMessageContext) => string | null;

/** The team will answer: the shop's text, and the expected wait when it is known and wanted. */
export const waitingForTeam: HandOffVariant = ({ settings, waitMs }) => {
  if (!settings.enabled) return null;
  const wait = settings.includeWait && waitMs !== null ? ` Expected wait: ${describeWait(waitMs)}.` : '';
  return `${settings.text}${wait}`;
};

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Monday 7 Dec at 09:00", in the shop's zone. */
export function describeReopening(at: Date, timeZone: string): string {
  const weekday = WEEKDAY_NAMES[zonedParts(at, timeZone).weekday - 1];
  return `${weekday} ${formatInZone(at, timeZone, 'day', at)} at ${formatInZone(at, timeZone, 'time')}`;
}

/**
 * The shop is closed: its away message and when it opens again, instead of a wait estimate
 * that would count the night. An empty away message leaves the usual message to answer.
 */
export const outsideBusinessHours: HandOffVariant = ({ away }) => {
  if (!away || away.text.trim() === '') return null;
  const back = away.reopensAt ? ` We are back on ${describeReopening(away.reopensAt, away.timeZone)}.` : '';
  return `${away.text.trim()}${back}`;
};

export const HAND_OFF_VARIANTS: readonly HandOffVariant[] = [outsideBusinessHours, waitingForTeam];

/**
 * Whether a hand-off is acknowledged at all. Every hand-off leaves the customer waiting for
 * a person (they asked; a flow's hand-off step; answers the bot could not understand; the
 * bot failed; they wrote after the flow ended), so each is, except a hand-off step that
 * already told the customer in its own words: a second message would repeat it.
 */
export function acknowledgesHandOff(context: Pick<HandOffMessageContext, 'reason' | 'flowSaidSo'>): boolean {
  return !(context.reason === 'flow' && context.flowSaidSo);
}

/** The message to send as the bot, or null when nothing is sent. */
export function buildHandOffMessage(context: HandOffMessageContext, variants: readonly HandOffVariant[] = HAND_OFF_VARIANTS): string | null {
  if (!acknowledgesHandOff(context)) return null;
  for (const variant of variants) {
    const text = variant(context);
    if (text !== null) return text;
  }
  return null;
}

export const FAILURE_APOLOGY = 'Sorry, something went wrong on our side.';
export const FAILURE_MESSAGE = `${FAILURE_APOLOGY} Someone from our team will answer you shortly.`;

/**
 * What the bot says when its flow failed, just before the hand-off. When a hand-off message
 * follows, it already says the team will answer, so the apology stops short of repeating it.
 */
export function failureMessage(settings: HandOffMessageSettings, variants: readonly HandOffVariant[] = HAND_OFF_VARIANTS): string {
  const followedBy = buildHandOffMessage({ reason: 'bot_failed', flowSaidSo: false, settings, waitMs: null }, variants);
  return followedBy === null ? FAILURE_MESSAGE : FAILURE_APOLOGY;
}
