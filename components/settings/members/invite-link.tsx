'use client';

import { useEffect, useState } from 'react';
import { useFormatTime } from '@/components/time/time-zone';
import type { InviteLink } from '@/app/w/[slug]/settings/members/actions';

/**
 * The one-time link, shown once right after it was made (only its hash is stored, so it
 * cannot be shown again; a new one can be made while the agent has no password).
 */
export function InviteLinkBox({ name, invite }: { name: string; invite: InviteLink }) {
  const [origin, setOrigin] = useState('');
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  const url = `${origin}${invite.path}`;
  const expires = useFormatTime()(invite.expiresAt, 'datetime');
  const id = `invite-${invite.path.slice(-8)}`;
  return (
    <div className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm">
      <label htmlFor={id} className="block font-medium text-amber-900">
        Invite link for {name}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-2 py-1 font-mono text-xs"
        />
        <button
          type="button"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
          className="rounded-md border border-amber-400 bg-white px-2 py-1 text-xs font-medium text-amber-900 hover:bg-amber-100"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="mt-1 text-xs text-amber-800">
        Shown only once: copy it now and send it to {name}. It works one time, until {expires}.
      </p>
    </div>
  );
}
