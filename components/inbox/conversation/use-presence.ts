'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { PresenceChannel } from 'pusher-js';
import { useRealtime } from '@/components/realtime/realtime-provider';
import { realtimeChannels } from '@/lib/realtime/channels';

export type Viewer = { id: string; name: string };
export type Typer = Viewer & { note: boolean };

/** A typing signal lasts this long unless renewed; renewals are sent at most every TYPING_SEND_MS. */
const TYPING_TTL_MS = 6_000;
const TYPING_SEND_MS = 2_000;

type TypingEvent = { typing?: boolean; name?: string; note?: boolean };

/**
 * Who else is viewing this conversation and who is typing in it, from
 * `presence-conversation-{id}` (members) and its `client-typing` events, so two agents do
 * not answer at once. `setTyping` is throttled; the channel's own rate limit is 10/s.
 */
// Long: the presence channel's members and its typing events share one subscription.
export function useConversationPresence(conversationId: string) {
  const pusher = useRealtime();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typers, setTypers] = useState<Typer[]>([]);
  const channelRef = useRef<PresenceChannel | null>(null);
  const ready = useRef(false);
  const sent = useRef<{ typing: boolean; note: boolean; at: number }>({ typing: false, note: false, at: 0 });
  const expiry = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    if (!pusher) return;
    const name = realtimeChannels.conversationPresence(conversationId);
    const channel = pusher.subscribe(name) as PresenceChannel;
    channelRef.current = channel;
    const timers = expiry.current;

    const refresh = () => {
      const me = channel.members.me?.id as string | undefined;
      const list: Viewer[] = [];
      channel.members.each((m: { id: string; info?: { name?: string } }) => {
        if (m.id !== me && !list.some((v) => v.id === m.id)) list.push({ id: m.id, name: m.info?.name ?? 'An agent' });
      });
      setViewers(list.sort((a, b) => a.name.localeCompare(b.name)));
    };
    const stopTyping = (id: string) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
      setTypers((list) => list.filter((t) => t.id !== id));
    };
    const onSubscribed = () => {
      ready.current = true;
      refresh();
    };
    // Refused, e.g. on reconnecting after losing access: nobody to show, nothing to send.
    const onRefused = () => {
      ready.current = false;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      setViewers([]);
      setTypers([]);
    };
    const onRemoved = (member: { id: string }) => {
      stopTyping(member.id);
      refresh();
    };
    const onTyping = (data: TypingEvent, metadata?: { user_id?: string }) => {
      const id = metadata?.user_id;
      if (!id || id === channel.members.me?.id) return;
      if (!data?.typing) return stopTyping(id);
      const member = channel.members.get(id) as { info?: { name?: string } } | null;
      const typer: Typer = { id, name: member?.info?.name ?? data.name ?? 'An agent', note: Boolean(data.note) };
      setTypers((list) => [...list.filter((t) => t.id !== id), typer]);
      clearTimeout(timers.get(id));
      timers.set(id, setTimeout(() => stopTyping(id), TYPING_TTL_MS));
    };

    channel.bind('pusher:subscription_succeeded', onSubscribed);
    channel.bind('pusher:subscription_error', onRefused);
    channel.bind('pusher:member_added', refresh);
    channel.bind('pusher:member_removed', onRemoved);
    channel.bind('client-typing', onTyping);
    return () => {
      ready.current = false;
      channelRef.current = null;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      channel.unbind('pusher:subscription_succeeded', onSubscribed);
      channel.unbind('pusher:subscription_error', onRefused);
      channel.unbind('pusher:member_added', refresh);
      channel.unbind('pusher:member_removed', onRemoved);
      channel.unbind('client-typing', onTyping);
      pusher.unsubscribe(name);
      setViewers([]);
      setTypers([]);
    };
  }, [pusher, conversationId]);

  /** Call on every keystroke (typing: true) and when the agent sends or clears (false). */
  const setTyping = useCallback((typing: boolean, note = false) => {
    const channel = channelRef.current;
    if (!channel || !ready.current) return;
    const now = Date.now();
    const last = sent.current;
    if (typing && last.typing && last.note === note && now - last.at < TYPING_SEND_MS) return;
    if (!typing && !last.typing) return;
    if (channel.trigger('client-typing', { typing, note })) sent.current = { typing, note, at: now };
  }, []);

  return { viewers, typers, setTyping };
}
