'use client';

import { signOutAction } from '@/lib/auth/sign-out';
import { forgetComposerState } from '@/components/inbox/composer/tab-store';
import { endRealtimeSession } from './session-end';

/**
 * Sign out, after marking the session ended so the tab opens no new realtime connection for
 * it (the layout may render once more while the redirect is under way), and forgetting the
 * composer's drafts kept in this browser.
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
