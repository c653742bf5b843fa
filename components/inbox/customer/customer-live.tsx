'use client';

import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { useChannelEvents } from '@/components/realtime/realtime-provider';

const EVENTS = ['contact.updated', 'contact.deleted', 'inbox_config.updated'];

/**
 * Keeps the customer panel current: another agent's tag or data edit, an admin's change
 * to the customer fields, or the customer being deleted (then the panel leaves the
 * conversation). Rendered at a fixed place in the panel so the subscription survives
 * switching conversations.
 */
export function CustomerLive({ channelName, contactId, leaveHref }: { channelName: string; contactId: string | null; leaveHref: string }) {
  const router = useRouter();
  const scheduled = useRef(false);
  const current = useRef({ contactId, leaveHref });
  current.current = { contactId, leaveHref };

  useChannelEvents(channelName, EVENTS, (name, data) => {
    const payload = (data ?? {}) as { contactId?: string; section?: string };
    const { contactId: shown, leaveHref: back } = current.current;
    if (!shown) return;
    if (name === 'contact.deleted' && payload.contactId === shown) {
      router.replace(back);
      return;
    }
    const relevant = (name === 'contact.updated' && payload.contactId === shown) || (name === 'inbox_config.updated' && payload.section === 'customer_fields');
    if (!relevant || scheduled.current) return;
    scheduled.current = true;
    requestAnimationFrame(() => {
      scheduled.current = false;
      router.refresh();
    });
  });
  return null;
}
