import { linkify } from '@/lib/composer/links';

/**
 * Message text as text: http(s) URLs become links that open in a new tab without giving
 * the page a handle on ours; everything else is rendered by React as plain text (escaped).
 */
export function LinkifiedText({ text, className }: { text: string; className?: string }) {
  const segments = linkify(text);
  const cls = `whitespace-pre-wrap break-words ${className ?? ''}`.trim();
  if (segments.length === 1 && segments[0].type === 'text') return <p className={cls}>{text}</p>;
  return (
    <p className={cls}>
      {segments.map((s, i) =>
        s.type === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow" className="underline decoration-1 underline-offset-2">
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}
