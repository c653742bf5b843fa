'use client';

import { useRef, useState } from 'react';

/** `durationMs`: a recording's length as recorded in the browser (the server measures it again when sending). */
export type Uploaded = { id: string; name: string; size: number; kind: 'image' | 'video' | 'audio' | 'file'; durationMs?: number };

const MB = 1024 * 1024;

/**
 * The composer's file: checked for size here (the server checks again), uploaded to
 * /api/files at once, then sent with the reply (its text as the caption).
 */
export function useAttachmentUpload(workspaceId: string, conversationId: string, setError: (error: string | null) => void) {
  const [upload, setUpload] = useState<Uploaded | null>(null);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const choose = async (file: File, durationMs?: number) => {
    setError(null);
    const isImage = file.type.startsWith('image/');
    const max = isImage ? 4 * MB : 25 * MB;
    if (file.size > max) return setError(`${isImage ? 'Images' : 'Files'} can be at most ${max / MB} MB.`);
    setUploading(true);
    try {
      const form = new FormData();
      form.set('workspaceId', workspaceId);
      form.set('conversationId', conversationId);
      form.set('file', file);
      const response = await fetch(`/api/files?workspaceId=${encodeURIComponent(workspaceId)}`, { method: 'POST', body: form });
      const result = (await response.json().catch(() => null)) as { ok: true; data: Uploaded } | { ok: false; error: string } | null;
      if (result?.ok) setUpload(durationMs !== undefined ? { ...result.data, durationMs } : result.data);
      else setError(result?.error ?? `The upload failed (HTTP ${response.status}).`);
    } catch {
      setError('The upload failed. Check your connection and try again.');
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return { upload, uploading, fileInput, choose, clear: () => setUpload(null) };
}
