'use client';

import { Mic, MicOff, Phone, PhoneOff, Video, VideoOff } from 'lucide-react';
import type { Channel } from 'pusher-js';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RealtimeClientConfig } from '@/lib/config';
import { CallPeer } from '@/lib/calls/peer';
import type { CallView } from '@/lib/calls/rules';
import { fillText } from '@/lib/widget/i18n/fill';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { WidgetApi } from './api';
import { postToParent } from './bridge';
import { useWidgetText } from './strings';
import { MediaView } from '@/components/ui/media-view';

// An agent's call in the chat, loaded only where the channel allows calls: the ringing card
// (accept / decline) and, once accepted, the call (the agent's video or voice, this
// visitor's preview, mute, camera off, hang up). Accepting joins the conversation's assist
// channel on a connection of its own, opened for the call and closed after it.

type Phase = 'idle' | 'ringing' | 'connecting' | 'connected' | 'ended';
type Live = { peer: CallPeer; stop(): void };

/** From the visitor's own channel: a ringing or ended call, or "now listening" (ask the server what rings). */
export type CallSignal = { event: 'call.ringing' | 'call.ended' | 'call.sync'; data: unknown };

function whenSubscribed(channel: Channel): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.bind('pusher:subscription_succeeded', () => resolve());
    channel.bind('pusher:subscription_error', () => reject(new Error('refused')));
  });
}

export function WidgetCall({ api, realtime, parentOrigin, signal }: { api: WidgetApi; realtime: RealtimeClientConfig; parentOrigin: string | null; signal: CallSignal | null }) {
  const t = useWidgetText();
  const [call, setCall] = useState<CallView | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const live = useRef<Live | null>(null);

  const ring = useCallback(
    (view: CallView) => {
      if (live.current) return;
      setCall(view);
      setPhase('ringing');
      setNotice(null);
      postToParent({ type: 'open' }, parentOrigin);
    },
    [parentOrigin],
  );

  const end = useCallback((text: string | null) => {
    live.current?.stop();
    live.current = null;
    setPhase('ended');
    setNotice(text);
    setLocal(null);
    setRemote(null);
    setMuted(false);
    setCameraOff(false);
  }, []);

  useEffect(() => {
    if (!signal) return;
    const data = signal.data as CallView & { id: string };
    // A call already ringing when the chat started listening (a page just loaded, or reloaded).
    if (signal.event === 'call.sync') void api.currentCall().then(({ call: current }) => current?.status === 'ringing' && ring(current)).catch(() => {});
    else if (signal.event === 'call.ringing') ring(data);
    // The agent stopped ringing (or the ring timed out); an answered call ends on the assist channel.
    else if (data?.id === call?.id && phase === 'ringing') end(t.callEnded);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- each signal is handled once, as it arrives
  }, [signal]);

  useEffect(() => () => live.current?.stop(), []);

  const accept = async () => {
    if (!call || live.current) return;
    const callId = call.id;
    setPhase('connecting');
    const { createPusherClient } = await import('@/components/realtime/pusher-client');
    const pusher = createPusherClient(realtime, { authorize: api.authorizeRealtime });
    const channel = pusher.subscribe(realtimeChannels.assist(call.conversationId));
    const peer = new CallPeer({
      callId,
      kind: call.kind,
      role: 'callee',
      iceServers: [],
      channel,
      onState: (state) => {
        if (state === 'connected') setPhase('connected');
        else if (state === 'failed') void api.callAction(callId, 'hangup').finally(() => end(t.callFailed));
      },
      onRemoteStream: setRemote,
      onLocalStream: setLocal,
      onPeerLeft: () => void api.callAction(callId, 'hangup').finally(() => end(t.callEnded)),
    });
    const onEnded = (data: { id?: string }) => data?.id === callId && end(t.callEnded);
    const onLeaving = () => {
      peer.announceLeaving();
      api.hangUpOnUnload(callId);
    };
    channel.bind('call.ended', onEnded);
    window.addEventListener('pagehide', onLeaving);
    live.current = {
      peer,
      stop: () => {
        window.removeEventListener('pagehide', onLeaving);
        peer.close();
        pusher.disconnect();
      },
    };
    try {
      await whenSubscribed(channel);
      await peer.openMedia();
    } catch {
      // No camera or microphone (refused): the agent hears the call declined.
      await api.callAction(callId, 'decline').catch(() => {});
      return end(t.allowCamera);
    }
    try {
      const answered = await api.callAction(callId, 'accept');
      peer.ready(answered.join?.iceServers ?? []);
    } catch {
      end(t.callEnded);
    }
  };

  const decline = () => {
    if (!call) return;
    void api.callAction(call.id, 'decline').catch(() => {});
    end(null);
    // Forgotten, so its "ended" event (which follows the decline) says nothing.
    setCall(null);
    setPhase('idle');
  };

  const hangUp = () => {
    if (!call) return;
    void api.callAction(call.id, 'hangup').catch(() => {});
    end(t.callEnded);
  };

  if (phase === 'idle') return null;
  if (phase === 'ended') {
    return notice ? (
      <p role="status" className="border-b border-slate-200 bg-white px-4 py-2 text-sm text-slate-600" data-testid="widget-call-ended">
        {notice}
      </p>
    ) : null;
  }
  if (phase === 'ringing' && call) {
    const agent = call.agentName ?? '';
    return (
      <section role="dialog" aria-label={fillText(call.kind === 'video' ? t.incomingVideoCall : t.incomingVoiceCall, { name: agent })} className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-3">
        <p className="min-w-0 flex-1 text-sm font-medium">{fillText(call.kind === 'video' ? t.incomingVideoCall : t.incomingVoiceCall, { name: agent })}</p>
        <button type="button" onClick={decline} className="inline-flex min-h-11 items-center gap-1.5 rounded-full bg-red-600 px-4 text-sm font-medium text-white hover:bg-red-700">
          <PhoneOff aria-hidden className="size-4" /> {t.declineCall}
        </button>
        <button type="button" onClick={() => void accept()} className="inline-flex min-h-11 items-center gap-1.5 rounded-full bg-emerald-600 px-4 text-sm font-medium text-white hover:bg-emerald-700">
          {call.kind === 'video' ? <Video aria-hidden className="size-4" /> : <Phone aria-hidden className="size-4" />} {t.acceptCall}
        </button>
      </section>
    );
  }
  const control = 'inline-flex size-11 items-center justify-center rounded-full bg-slate-700 text-white hover:bg-slate-600 aria-pressed:bg-white aria-pressed:text-slate-900';
  return (
    <section aria-label={call?.kind === 'voice' ? t.agentVoice : t.agentVideo} data-call-phase={phase} className="border-b border-slate-200 bg-slate-900 p-3 text-white">
      <p role="status" className="mb-2 text-sm">
        {phase === 'connected' ? t.callConnected : t.callConnecting}
      </p>
      {call?.kind === 'video' ? (
        <div className="relative aspect-video overflow-hidden rounded-lg bg-black">
          <MediaView stream={remote} kind="video" label={t.agentVideo} className="size-full object-cover" testId="call-remote" />
          <MediaView stream={local} kind="video" muted label={t.yourVideo} className="absolute right-2 bottom-2 w-20 rounded border border-white/40" testId="call-local" />
        </div>
      ) : (
        <>
          <MediaView stream={remote} kind="audio" label={t.agentVoice} testId="call-remote" />
          <MediaView stream={local} kind="audio" muted label={t.muteCall} testId="call-local" />
        </>
      )}
      <div className="mt-3 flex justify-center gap-3">
        <button
          type="button"
          className={control}
          aria-pressed={muted}
          aria-label={t.muteCall}
          title={t.muteCall}
          onClick={() => {
            live.current?.peer.setMuted(!muted);
            setMuted(!muted);
          }}
        >
          {muted ? <MicOff aria-hidden className="size-5" /> : <Mic aria-hidden className="size-5" />}
        </button>
        {call?.kind === 'video' && (
          <button
            type="button"
            className={control}
            aria-pressed={cameraOff}
            aria-label={t.cameraOff}
            title={t.cameraOff}
            onClick={() => {
              live.current?.peer.setCameraOff(!cameraOff);
              setCameraOff(!cameraOff);
            }}
          >
            {cameraOff ? <VideoOff aria-hidden className="size-5" /> : <Video aria-hidden className="size-5" />}
          </button>
        )}
        <button type="button" onClick={hangUp} aria-label={t.hangUp} title={t.hangUp} className="inline-flex size-11 items-center justify-center rounded-full bg-red-600 text-white hover:bg-red-700">
          <PhoneOff aria-hidden className="size-5" />
        </button>
      </div>
    </section>
  );
}
