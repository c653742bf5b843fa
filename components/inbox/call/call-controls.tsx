'use client';

import { Mic, MicOff, MonitorUp, Phone, PhoneOff, Video, VideoOff, X } from 'lucide-react';
import { MediaView } from '@/components/ui/media-view';
import { useAgentCall } from './use-agent-call';

const PHASE_TEXT = { idle: '', starting: 'Calling…', ringing: 'Ringing…', connecting: 'Connecting…', connected: 'Connected', ended: '' } as const;

/**
 * "Video call" and "Voice call" in a website conversation whose channel allows calls, and
 * the call itself in a panel over the history: the visitor's video (or voice), this agent's
 * preview, mute, camera off, screen sharing and hang-up.
 */
export function CallControls({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const { call, start, hangUp, toggleMute, toggleCamera, toggleScreen, dismiss } = useAgentCall(workspaceId, conversationId);
  const busy = call.phase !== 'idle' && call.phase !== 'ended';
  const button = 'inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50 max-md:min-h-11';
  const control = 'inline-flex size-11 items-center justify-center rounded-full bg-slate-700 text-white hover:bg-slate-600 aria-pressed:bg-white aria-pressed:text-slate-900';
  return (
    <>
      <button type="button" className={button} disabled={busy} onClick={() => void start('video')}>
        <Video aria-hidden className="size-4" /> Video call
      </button>
      <button type="button" className={button} disabled={busy} onClick={() => void start('voice')}>
        <Phone aria-hidden className="size-4" /> Voice call
      </button>
      {call.error && (
        <p role="alert" className="w-full text-xs text-red-600">
          {call.error}
        </p>
      )}
      {call.phase === 'ended' && call.outcome && (
        <p role="status" className="flex w-full items-center gap-2 text-xs text-slate-600" data-testid="call-outcome">
          {call.outcome}
          <button type="button" onClick={dismiss} aria-label="Dismiss" className="rounded p-1 hover:bg-slate-100">
            <X aria-hidden className="size-3" />
          </button>
        </p>
      )}
      {busy && (
        <section
          aria-label={call.kind === 'voice' ? 'Voice call' : 'Video call'}
          data-call-phase={call.phase}
          className="fixed inset-x-2 bottom-2 z-40 rounded-xl bg-slate-900 p-3 text-white shadow-xl sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96"
        >
          <p className="mb-2 text-sm" role="status">
            {PHASE_TEXT[call.phase]}
          </p>
          {call.kind === 'video' ? (
            <div className="relative aspect-video overflow-hidden rounded-lg bg-black">
              <MediaView stream={call.remote} kind="video" label="Visitor’s video" className="size-full object-cover" testId="call-remote" />
              <MediaView stream={call.local} kind="video" muted label="Your video" className="absolute right-2 bottom-2 w-24 rounded border border-white/40" testId="call-local" />
            </div>
          ) : (
            <>
              <MediaView stream={call.remote} kind="audio" label="Visitor’s voice" testId="call-remote" />
              <MediaView stream={call.local} kind="audio" muted label="Your microphone" testId="call-local" />
            </>
          )}
          <div className="mt-3 flex flex-wrap justify-center gap-3">
            <button type="button" className={control} aria-pressed={call.muted} aria-label="Mute" title="Mute" onClick={toggleMute}>
              {call.muted ? <MicOff aria-hidden className="size-5" /> : <Mic aria-hidden className="size-5" />}
            </button>
            {call.kind === 'video' && (
              <>
                <button type="button" className={control} aria-pressed={call.cameraOff} aria-label="Camera off" title="Camera off" onClick={toggleCamera}>
                  {call.cameraOff ? <VideoOff aria-hidden className="size-5" /> : <Video aria-hidden className="size-5" />}
                </button>
                <button type="button" className={control} aria-pressed={call.sharing} aria-label="Share screen" title="Share screen" onClick={() => void toggleScreen()}>
                  <MonitorUp aria-hidden className="size-5" />
                </button>
              </>
            )}
            <button type="button" className="inline-flex size-11 items-center justify-center rounded-full bg-red-600 text-white hover:bg-red-700" aria-label="Hang up" title="Hang up" onClick={hangUp}>
              <PhoneOff aria-hidden className="size-5" />
            </button>
          </div>
        </section>
      )}
    </>
  );
}
