import type { WidgetTextKey } from './i18n';
import type { ReplyTimeSetting } from './settings-shape';

// The "usually replies …" line: a phrase the shop picked, or one computed from how fast it
// actually answered (the median first response), rounded to what a visitor cares about.

export type ReplyTimeKey = Extract<WidgetTextKey, 'replyMinutes' | 'replyHour' | 'replyHours' | 'replyDay'>;

/** A median first response (seconds) as a phrase; null when there is nothing to go by. */
export function replyTimePhrase(medianSeconds: number | null): ReplyTimeKey | null {
  if (medianSeconds === null || !Number.isFinite(medianSeconds) || medianSeconds < 0) return null;
  if (medianSeconds <= 10 * 60) return 'replyMinutes';
  if (medianSeconds <= 60 * 60) return 'replyHour';
  if (medianSeconds <= 4 * 60 * 60) return 'replyHours';
  return 'replyDay';
}

/** The line to show for the shop's setting, given the computed median when it asks for it. */
export function replyTimeKey(setting: ReplyTimeSetting, computedMedianSeconds: number | null): ReplyTimeKey | null {
  switch (setting) {
    case 'minutes':
      return 'replyMinutes';
    case 'hour':
      return 'replyHour';
    case 'day':
      return 'replyDay';
    case 'computed':
      return replyTimePhrase(computedMedianSeconds);
    default:
      return null;
  }
}
