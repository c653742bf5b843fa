'use client';

// Who answers, in the header: drawn only for shops that sign with their logo or show their
// agents' pictures (loaded then), and by the message bubbles.

import type { WidgetConfig } from '@/lib/widget/types';

/**
 * Who answers: the shop's logo (when it signs replies with its own name and has one), else
 * the first letter of the name in the shop's colour.
 */
export function AgentAvatar({ config, name, small = false }: { config: WidgetConfig; name: string; small?: boolean }) {
  const size = small ? 'h-5 w-5 text-[10px]' : 'h-9 w-9 text-sm';
  if (config.agentDisplay === 'shop' && config.logo) {
    // eslint-disable-next-line @next/next/no-img-element -- the shop's logo, stored inline as a data: URL
    return <img src={config.logo} alt="" className={`${size} shrink-0 rounded-full bg-white object-cover`} data-testid="widget-logo" />;
  }
  return (
    <span
      aria-hidden="true"
      className={`${size} flex shrink-0 items-center justify-center rounded-full font-semibold ring-1 ring-white/40`}
      style={{ background: config.color, color: config.textColor }}
    >
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

/** Who answers, when the shop shows its agents' pictures: a few faces, overlapping. */
export function TeamPictures({ agents }: { agents: { name: string; picture: string }[] }) {
  return (
    <ul className="flex shrink-0 -space-x-2" aria-label={agents.map((a) => a.name).join(', ')}>
      {agents.map((a) => (
        <li key={a.picture}>
          {/* eslint-disable-next-line @next/next/no-img-element -- agents' pictures, served by Baton for this chat */}
          <img src={a.picture} alt={a.name} title={a.name} className="h-9 w-9 rounded-full bg-white object-cover ring-2 ring-white/70" data-testid="widget-agent-picture" />
        </li>
      ))}
    </ul>
  );
}
