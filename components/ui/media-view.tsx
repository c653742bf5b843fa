'use client';

import { useEffect, useRef } from 'react';

/** A <video> or <audio> element playing a MediaStream (React has no prop for srcObject). */
export function MediaView({ stream, kind, muted = false, label, className, testId }: { stream: MediaStream | null; kind: 'video' | 'audio'; muted?: boolean; label: string; className?: string; testId?: string }) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  if (kind === 'audio') return <audio ref={ref} autoPlay muted={muted} aria-label={label} data-testid={testId} />;
  return <video ref={ref} autoPlay playsInline muted={muted} aria-label={label} className={className} data-testid={testId} />;
}
