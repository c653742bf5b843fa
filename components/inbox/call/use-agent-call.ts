'use client';

import type { Channel } from 'pusher-js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { endCallAction, startCallAction } from '@/app/w/[slug]/inbox/call-actions';
import { useRealtime } from '@/components/realtime/realtime-provider';
import { CallPeer, type PeerState } from '@/lib/calls/peer';
import { RING_TIMEOUT_MS, type CallKindView } from '@/lib/calls/rules';
import { realtimeChannels } from '@/lib/realtime/channels';

export type AgentCallPhase = 'idle' | 'starting' | 'ringing' | 'connecting' | 'connected' | 'ended';

export type AgentCall = {
  phase: AgentCallPhase;
  kind: CallKindView | null;
  /** Why the last call ended, as the agent reads it. */
  outcome: string | null;
  error: string | null;
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  local: MediaStream | null;
  remote: MediaStream | null;
};

const idle: AgentCall = { phase: 'idle', kind: null, outcome: null, error: null, muted: false, cameraOff: false, sharing: false, local: null, remote: null };

const OUTCOMES: Record<string, string> = { declined: 'Call declined', missed: 'Missed call', hangup: 'Call ended' };

function whenSubscribed(channel: Channel): Promise<void> {
  if (channel.subscribed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    channel.bind('pusher:subscription_succeeded', () => resolve());
    channel.bind('pusher:subscription_error', () => reject(new Error('The call channel refused this agent.')));
  });
}

/**
 * An agent's call with the conversation's website visitor: the assist channel is joined
 * first (the answer and the end arrive there), then the server rings the visitor; the offer
 * goes once they answer. Unanswered after RING_TIMEOUT_MS, the call is a missed one.
 */
export function useAgentCall(workspaceId: string, conversationId: string) {
  const pusher = useRealtime();
  const [call, setCall] = useState<AgentCall>(idle);
  const live = useRef<{ callId: string; peer: CallPeer; channel: Channel; channelName: string; stop(): void } | null>(null);
  const update = (patch: Partial<AgentCall>) => setCall((c) => ({ ...c, ...patch }));

  const finish = useCallback(
    (outcome: string | null) => {
      const current = live.current;
      live.current = null;
      current?.stop();
      setCall({ ...idle, phase: outcome ? 'ended' : 'idle', outcome });
      if (current && pusher) pusher.unsubscribe(current.channelName);
    },
    [pusher],
  );

  const start = useCallback(
    async (kind: CallKindView) => {
      if (!pusher || live.current) return;
      setCall({ ...idle, phase: 'starting', kind });
      const channelName = realtimeChannels.assist(conversationId);
      const channel = pusher.subscribe(channelName);
      try {
        await whenSubscribed(channel);
      } catch (error) {
        pusher.unsubscribe(channelName);
        return setCall({ ...idle, error: (error as Error).message });
      }
      const result = await startCallAction({ workspaceId, conversationId, kind });
      if (!result.ok) {
        pusher.unsubscribe(channelName);
        return setCall({ ...idle, error: result.error });
      }
      const { callId } = result.data;
      const hangUp = (reason: 'hangup' | 'missed') =>
        void endCallAction({ workspaceId, callId, reason }).then((r) => {
          // Answered just as the ring timed out: the call goes on.
          if (!(r.ok && r.data.status === 'active')) finish(OUTCOMES[reason]);
        });
      const peer = new CallPeer({
        callId,
        kind,
        role: 'caller',
        iceServers: result.data.iceServers,
        channel,
        onState: (state: PeerState) => {
          if (state === 'connected') update({ phase: 'connected' });
          // No path between the two browsers (no TURN server where one is needed).
          else if (state === 'failed') hangUp('hangup');
        },
        onRemoteStream: (remote) => update({ remote }),
        onLocalStream: (local) => update({ local }),
        // The visitor's page closed without reaching the server: this side ends the call.
        onPeerLeft: () => hangUp('hangup'),
      });
      const onAnswered = (data: { id?: string }) => {
        if (data?.id !== callId) return;
        clearTimeout(ringTimer);
        update({ phase: 'connecting' });
        void peer.offer();
      };
      const onEnded = (data: { id?: string; reason?: string }) => {
        if (data?.id === callId) finish(OUTCOMES[data.reason ?? 'hangup'] ?? 'Call ended');
      };
      // The page goes (reload, another address, the tab closes): the visitor hears it on the
      // channel at once, and the server from a beacon (a server action cannot outlive the page).
      const onLeaving = () => {
        peer.announceLeaving();
        navigator.sendBeacon(`/api/w/${workspaceId}/calls/${callId}/hangup`);
      };
      const ringTimer = setTimeout(() => hangUp('missed'), RING_TIMEOUT_MS);
      channel.bind('call.answered', onAnswered);
      channel.bind('call.ended', onEnded);
      window.addEventListener('pagehide', onLeaving);
      live.current = {
        callId,
        peer,
        channel,
        channelName,
        stop: () => {
          clearTimeout(ringTimer);
          channel.unbind('call.answered', onAnswered);
          channel.unbind('call.ended', onEnded);
          window.removeEventListener('pagehide', onLeaving);
          peer.close();
        },
      };
      update({ phase: 'ringing' });
      try {
        await peer.openMedia();
        peer.ready();
      } catch {
        update({ error: 'Allow the camera and microphone for this site to call.' });
        hangUp('hangup');
      }
    },
    [pusher, workspaceId, conversationId, finish],
  );

  const hangUp = useCallback(() => {
    const current = live.current;
    if (!current) return;
    void endCallAction({ workspaceId, callId: current.callId }).then(() => finish('Call ended'));
  }, [workspaceId, finish]);

  const toggleMute = () => setCall((c) => (live.current?.peer.setMuted(!c.muted), { ...c, muted: !c.muted }));
  const toggleCamera = () => setCall((c) => (live.current?.peer.setCameraOff(!c.cameraOff), { ...c, cameraOff: !c.cameraOff }));
  const toggleScreen = async () => {
    const peer = live.current?.peer;
    if (!peer) return;
    if (call.sharing) {
      await peer.stopScreen();
      return update({ sharing: false });
    }
    try {
      await peer.shareScreen(() => update({ sharing: false }));
      update({ sharing: true });
    } catch {
      // The agent closed the browser's picker: nothing to share.
    }
  };

  // Leaving the conversation (or the inbox) ends a call in progress.
  useEffect(
    () => () => {
      const current = live.current;
      if (!current) return;
      void endCallAction({ workspaceId, callId: current.callId });
      current.stop();
      pusher?.unsubscribe(current.channelName);
    },
    [workspaceId, pusher],
  );

  return { call, start, hangUp, toggleMute, toggleCamera, toggleScreen, dismiss: () => setCall(idle) };
}
