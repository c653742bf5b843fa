'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { addTicketCommentAction, editTicketCommentAction } from '@/app/w/[slug]/tickets/actions';
import { SecondaryButton, SubmitButton, TextField } from '@/components/ui/form-kit';

/** An internal comment for the team; the customer never sees it. */
export function CommentForm({ workspaceId, ticketId }: { workspaceId: string; ticketId: string }) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const [pending, start] = useTransition();
  return (
    <form
      aria-label="Add a comment"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await addTicketCommentAction({ workspaceId, ticketId, body });
          if (!result.ok) return setError(result.error);
          setError('');
          setBody('');
          router.refresh();
        });
      }}
    >
      <TextField label="Internal comment" hint="Only your team sees comments." multiline rows={2} maxLength={5000} value={body} onValueChange={setBody} error={error || undefined} />
      <SubmitButton pending={pending} pendingText="Adding…">
        Add comment
      </SubmitButton>
    </form>
  );
}

/** A comment's text, with Edit for its author or an admin. */
export function CommentBody({ workspaceId, commentId, body, canEdit }: { workspaceId: string; commentId: string; body: string; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(body);
  const [error, setError] = useState('');
  const [pending, start] = useTransition();
  if (!editing) {
    return (
      <div className="mt-1">
        <p className="whitespace-pre-wrap break-words rounded-md bg-amber-50 px-3 py-2 text-sm text-slate-800">{body}</p>
        {canEdit && (
          <button type="button" onClick={() => setEditing(true)} className="mt-1 text-xs text-brand-700 hover:underline">
            Edit comment
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      aria-label="Edit the comment"
      className="mt-1 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await editTicketCommentAction({ workspaceId, commentId, body: text });
          if (!result.ok) return setError(result.error);
          setEditing(false);
          router.refresh();
        });
      }}
    >
      <TextField label="Comment" multiline rows={2} maxLength={5000} value={text} onValueChange={setText} error={error || undefined} />
      <div className="flex gap-2">
        <SubmitButton pending={pending}>Save comment</SubmitButton>
        <SecondaryButton onClick={() => setEditing(false)}>Cancel</SecondaryButton>
      </div>
    </form>
  );
}
