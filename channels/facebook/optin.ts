import { notificationFrequencies, type NotificationFrequency, type NotificationOptin } from '../types';
import { fromMillis, rec, str, type Json } from '../shared/json';

/**
 * A `messaging_optins` event's `optin` of type `notification_messages` (Messenger's
 * Marketing Messages): the customer accepted an opt-in request, or later stopped or resumed
 * the notifications. Undefined for other opt-ins (the checkbox plugin, one-time
 * notifications), which stay unsupported events.
 */
export function readNotificationOptin(item: Json): NotificationOptin | undefined {
  const optin = rec(item.optin);
  if (!optin || optin.type !== 'notification_messages') return undefined;
  const token = str(optin.notification_messages_token);
  const frequency = str(optin.notification_messages_frequency)?.toUpperCase();
  if (!token) throw new Error('notification_messages opt-in without notification_messages_token');
  if (!isFrequency(frequency)) throw new Error(`notification_messages opt-in with an unknown frequency (${String(frequency)})`);
  const payload = str(optin.payload);
  const title = str(optin.title);
  const timezone = str(optin.notification_messages_timezone);
  const expiresAt = fromMillis(optin.token_expiry_timestamp);
  return {
    token,
    frequency,
    ...(payload !== undefined ? { payload } : {}),
    ...(title !== undefined ? { title } : {}),
    ...(timezone !== undefined ? { timezone } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    // Only an explicit stop ends it; a first opt-in carries no status.
    status: str(optin.notification_messages_status) === 'STOP NOTIFICATIONS' ? 'stopped' : 'active',
  };
}

function isFrequency(value: string | undefined): value is NotificationFrequency {
  return (notificationFrequencies as readonly string[]).includes(value ?? '');
}
