'use client';

import { useEffect, useRef, useState } from 'react';

/** A recording longer than this stops by itself (5 minutes of Opus is about 2 MB). */
export const MAX_RECORDING_MS = 5 * 60_000;

export type RecorderState = { phase: 'idle' } | { phase: 'starting' } | { phase: 'recording'; startedAt: number; elapsedMs: number };

/** What the browser records in: WebM/Opus where it can (Chromium, Firefox), else MP4/AAC (Safari). */
function recordingType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'].find((t) => MediaRecorder.isTypeSupported(t));
}

function extensionOf(type: string): string {
  if (type.startsWith('audio/mp4')) return 'm4a';
  if (type.startsWith('audio/ogg')) return 'ogg';
  return 'webm';
}

/** Why recording cannot start, in words the agent can act on. */
function startError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'Baton may not use the microphone. Allow it in the browser’s site settings, then try again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found. Connect one, then try again.';
  if (name === 'NotReadableError') return 'The microphone is in use by another app or cannot be read.';
  return 'Recording could not start in this browser.';
}

/**
 * The composer's voice recorder (MediaRecorder): start asks for the microphone; stop hands
 * the recording over as a file (with its length as recorded); cancel throws it away. The
 * microphone is released whenever recording ends, and when the composer goes away.
 */
export function useVoiceRecorder({ onRecorded, setError }: { onRecorded(file: File, durationMs: number): void; setError(error: string | null): void }) {
  const [state, setState] = useState<RecorderState>({ phase: 'idle' });
  const recorder = useRef<MediaRecorder | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const discard = useRef(false);
  const startedAt = useRef(0);
  const onRecordedRef = useRef(onRecorded);
  useEffect(() => {
    onRecordedRef.current = onRecorded;
  });

  const release = () => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    recorder.current = null;
  };

  useEffect(() => {
    if (state.phase !== 'recording') return;
    const timer = setInterval(() => {
      const elapsedMs = Date.now() - startedAt.current;
      setState((s) => (s.phase === 'recording' ? { ...s, elapsedMs } : s));
      if (elapsedMs >= MAX_RECORDING_MS && recorder.current?.state === 'recording') recorder.current.stop();
    }, 250);
    return () => clearInterval(timer);
  }, [state.phase]);

  // Leaving the conversation mid-recording: nothing is kept, the microphone is released.
  useEffect(
    () => () => {
      discard.current = true;
      if (recorder.current?.state === 'recording') recorder.current.stop();
      release();
    },
    [],
  );

  const start = async () => {
    if (state.phase !== 'idle') return;
    setError(null);
    const type = recordingType();
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined' || !type) {
      setError('This browser cannot record audio here. Attach an audio file instead.');
      return;
    }
    setState({ phase: 'starting' });
    discard.current = false;
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      setState({ phase: 'idle' });
      setError(startError(error));
      return;
    }
    // Cancelled (or the composer closed) while the browser asked for the microphone.
    if (discard.current) {
      release();
      setState({ phase: 'idle' });
      return;
    }
    const chunks: Blob[] = [];
    const media = new MediaRecorder(stream.current, { mimeType: type });
    media.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    media.onstop = () => {
      const durationMs = Date.now() - startedAt.current;
      release();
      setState({ phase: 'idle' });
      if (discard.current) return;
      const blob = new Blob(chunks, { type: media.mimeType || type });
      if (blob.size === 0) return setError('Nothing was recorded. Check the microphone and try again.');
      onRecordedRef.current(new File([blob], `Voice message.${extensionOf(blob.type)}`, { type: blob.type }), durationMs);
    };
    recorder.current = media;
    startedAt.current = Date.now();
    media.start(1000);
    setState({ phase: 'recording', startedAt: startedAt.current, elapsedMs: 0 });
  };

  const stop = () => {
    if (recorder.current?.state === 'recording') recorder.current.stop();
  };

  const cancel = () => {
    discard.current = true;
    if (recorder.current?.state === 'recording') recorder.current.stop();
    else if (state.phase === 'starting') setState({ phase: 'idle' });
  };

  return { state, start: () => void start(), stop, cancel };
}
