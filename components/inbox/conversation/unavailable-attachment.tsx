'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { retryAttachmentsAction } from '@/app/w/[slug]/inbox/actions';

/**
 * An attachment Baton could not bring into its file store (a refused address, a platform
 * error, too large): what it was and why, and for inbound media a Retry that downloads it
 * again through the same filtered path. Never loads the original URL.
 */
export function UnavailableAttachment({
  label,
  reason,
  retry,
}: {
  label: string;
  reason: string;
  retry?: { workspaceId: string; messageId: string } | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const onRetry = (target: { workspaceId: string; messageId: string }) =>
    start(async () => {
      const result = await retryAttachmentsAction(target);
      if (!result.ok) return setError(result.error);
      const still = result.data.attachments.find((a) => a.unavailable)?.unavailable;
      setError(still ? `Still unavailable: ${still}` : null);
      router.refresh();
    });
  return (
    <div data-testid="attachment-unavailable" className="rounded-lg border border-dashed border-current/30 px-3 py-2 text-xs">
      <p className="font-medium">{label}</p>
      <p role="status">Attachment unavailable: {reason}</p>
      {retry && (
        <button
          type="button"
          disabled={pending}
          onClick={() => onRetry(retry)}
          className="mt-1 rounded border border-current px-1.5 py-0.5 text-[11px] font-medium hover:bg-black/5 disabled:opacity-60"
        >
          {pending ? 'Retrying…' : 'Retry'}
        </button>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
