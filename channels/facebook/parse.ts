import type { ParseResult } from '../types';
import { parseMetaMessaging, type MetaDialect } from '../shared/meta-messaging-parse';
import { readNotificationOptin } from './optin';

const MESSENGER: MetaDialect = { object: 'page', label: 'Messenger', idPrefix: 'facebook', optin: readNotificationOptin };

/** Page entries: messaging[] (we own the thread) and standby[] (another app does: record, don't reply). */
export function parseMessengerWebhook(rawBody: string): ParseResult {
  return parseMetaMessaging(rawBody, MESSENGER);
}
