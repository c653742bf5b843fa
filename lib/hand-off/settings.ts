import { z } from 'zod';
import { formBoolean } from '@/lib/forms/fields';

// What the customer is told when the bot hands them to the team, stored in the workspace's
// `settings` JSON under `handOffMessage`:
//   { enabled: boolean, text: string, includeWait: boolean }
// Absent (a workspace that never saved it) means the defaults below.

export const DEFAULT_HAND_OFF_TEXT = 'Thanks, a member of our team will be with you shortly.';
export const HAND_OFF_TEXT_MAX = 500;

export type HandOffMessageSettings = {
  /** Off: the customer is told nothing by Baton (a flow's own hand-off words still go out). */
  enabled: boolean;
  text: string;
  /** Add the expected wait, when recent data allows an estimate. */
  includeWait: boolean;
};

export const DEFAULT_HAND_OFF_MESSAGE: HandOffMessageSettings = { enabled: true, text: DEFAULT_HAND_OFF_TEXT, includeWait: true };

const stored = z.object({
  enabled: z.boolean().catch(DEFAULT_HAND_OFF_MESSAGE.enabled),
  text: z.string().trim().min(1).max(HAND_OFF_TEXT_MAX).catch(DEFAULT_HAND_OFF_TEXT),
  includeWait: z.boolean().catch(DEFAULT_HAND_OFF_MESSAGE.includeWait),
});

/** The workspace's hand-off message settings; anything missing or malformed reads as the default. */
export function readHandOffMessage(settings: Record<string, unknown>): HandOffMessageSettings {
  const parsed = stored.safeParse(settings.handOffMessage ?? {});
  return parsed.success ? parsed.data : DEFAULT_HAND_OFF_MESSAGE;
}

/** The Settings form: the text is required even when the message is off, so turning it on again needs no retyping. */
export const handOffMessageInput = z.object({
  enabled: formBoolean,
  includeWait: formBoolean,
  text: z
    .string()
    .trim()
    .min(1, 'Write the message, or turn it off')
    .max(HAND_OFF_TEXT_MAX, `Keep the message under ${HAND_OFF_TEXT_MAX} characters`),
});

export type HandOffMessageInput = z.infer<typeof handOffMessageInput>;
