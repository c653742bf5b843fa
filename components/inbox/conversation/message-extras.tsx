import { AtSign, Ban, Reply, Share2 } from 'lucide-react';
import type { MessageExtras } from '@/lib/inbox/history-content';

const REFERENCE = {
  story_reply: { text: 'Replied to your story', link: 'Open story', Icon: Reply },
  story_mention: { text: 'Mentioned you in their story', link: 'Open story', Icon: AtSign },
  share: { text: 'Shared a post', link: 'Open post', Icon: Share2 },
} as const;

/** Above an Instagram message: the story it answers or mentions, or the post it shares (links expire with the story). */
export function MessageReferenceLine({ reference, onBrand }: { reference: NonNullable<MessageExtras['reference']>; onBrand: boolean }) {
  const { text, link, Icon } = REFERENCE[reference.kind];
  return (
    <p data-testid="message-reference" className={`mb-1 flex flex-wrap items-center gap-1 text-xs ${onBrand ? 'text-brand-100' : 'text-slate-500'}`}>
      <Icon className="size-3.5 shrink-0" aria-hidden />
      <span>{reference.title ? `${text}: ${reference.title}` : text}</span>
      {reference.url && (
        <a href={reference.url} target="_blank" rel="noopener noreferrer nofollow" className="underline underline-offset-2">
          {link}
        </a>
      )}
    </p>
  );
}

/** A message the customer unsent: its content is gone. */
export function DeletedMessage() {
  return (
    <p data-testid="message-deleted" className="flex items-center gap-1 italic text-slate-500">
      <Ban className="size-3.5 shrink-0" aria-hidden />
      The customer deleted this message
    </p>
  );
}

/** The customer's reaction, pinned under the message it is on. */
export function ReactionBadge({ emoji, mine }: { emoji: string; mine: boolean }) {
  return (
    <span
      data-testid="message-reaction"
      role="img"
      aria-label={`Customer reacted ${emoji}`}
      title="The customer's reaction"
      className={`mt-1 flex w-fit rounded-full border border-slate-200 bg-white px-1.5 text-sm leading-5 text-slate-900 shadow-sm ${mine ? '' : 'ml-auto'}`}
    >
      {emoji}
    </span>
  );
}
