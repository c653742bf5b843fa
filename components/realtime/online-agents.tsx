'use client';

import { useEffect, useState } from 'react';
import type { PresenceChannel } from 'pusher-js';
import { initials } from '@/components/ui/avatar';
import { useRealtime } from './realtime-provider';

type Member = { id: string; name: string };

/** Who of the team is online now, from the workspace presence channel. */
export function OnlineAgents({ channelName }: { channelName: string }) {
  const pusher = useRealtime();
  const [members, setMembers] = useState<Member[]>([]);

  useEffect(() => {
    if (!pusher) return;
    const channel = pusher.subscribe(channelName) as PresenceChannel;
    const refresh = () => {
      const list: Member[] = [];
      channel.members.each((m: { id: string; info: { name: string } }) => list.push({ id: m.id, name: m.info.name }));
      setMembers(list.sort((a, b) => a.name.localeCompare(b.name)));
    };
    channel.bind('pusher:subscription_succeeded', refresh);
    channel.bind('pusher:member_added', refresh);
    channel.bind('pusher:member_removed', refresh);
    return () => {
      channel.unbind('pusher:subscription_succeeded', refresh);
      channel.unbind('pusher:member_added', refresh);
      channel.unbind('pusher:member_removed', refresh);
      pusher.unsubscribe(channelName);
    };
  }, [pusher, channelName]);

  if (members.length === 0) return null;
  return (
    <div className="flex items-center gap-1" aria-label={`${members.length} online`} data-testid="online-agents">
      {members.slice(0, 5).map((m) => (
        <span
          key={m.id}
          title={`${m.name} is online`}
          className="relative flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700 ring-2 ring-white"
        >
          {initials(m.name)}
          <span className="absolute -bottom-0.5 -right-0.5 h-2.5 w-2.5 rounded-full bg-emerald-500 ring-2 ring-white" />
        </span>
      ))}
      {members.length > 5 && <span className="text-xs text-slate-500">+{members.length - 5}</span>}
    </div>
  );
}
