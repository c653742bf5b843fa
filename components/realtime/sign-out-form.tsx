'use client';

import { signOutAction } from '@/lib/auth/sign-out';
import { forgetComposerState } from '@/components/inbox/composer/tab-store';
import { endRealtimeSession } from './session-end';

/**
 * Sign out, after closing this tab's realtime connection (otherwise a connection still
 * being set up would ask the server to authorize channels for a session that has just
 * ended, and be refused) and forgetting the composer's drafts kept in this browser.
 */
export function SignOutForm({ sessionTag, className, buttonClassName }: { sessionTag: string; className?: string; buttonClassName: string }) {
  return (
    <form action={signOutAction} className={className} onSubmit={() => {
        endRealtimeSession(sessionTag);
        forgetComposerState();
      }}>
      <button type="submit" className={buttonClassName}>
        Sign out
      </button>
    </form>
  );
}
