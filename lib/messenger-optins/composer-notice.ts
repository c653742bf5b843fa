import type { DbOrTx } from '@/db/client';
import { notificationNotice, optinAvailability } from './availability';
import { findCustomerOptin } from './find';

/**
 * What the composer says about the customer's notification opt-in outside Messenger's 24 h:
 * that the next text goes out as a notification (how often, until when), or why it cannot.
 * Nothing when the customer never opted in.
 */
export async function optinComposerNotice(
  db: DbOrTx,
  where: { workspaceId: string; channelId: string; contactId: string },
  timezone: string,
  now = new Date(),
): Promise<{ usable: boolean; text: string } | undefined> {
  const optin = await findCustomerOptin(db, where);
  if (!optin) return undefined;
  const format = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: timezone }).format(d);
  const available = optinAvailability(optin, now, format);
  return available.usable ? { usable: true, text: notificationNotice(available, format) } : { usable: false, text: available.reason };
}
