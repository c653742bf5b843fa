'use client';

import { Clock } from 'lucide-react';
import type { WidgetConfig } from '@/lib/widget/types';

/** Under the title: the subtitle, then the away message when nobody can answer now, else the usual reply time. */
export function HeaderStatus({ config }: { config: WidgetConfig }) {
  return (
    <>
      {config.subtitle && <p className="truncate text-xs opacity-90" data-testid="widget-subtitle">{config.subtitle}</p>}
      {!config.available ? (
        <p className="text-xs opacity-90" data-testid="widget-away">
          {config.awayMessage}
        </p>
      ) : (
        config.replyTime && (
          <p className="flex items-center gap-1 text-xs opacity-90" data-testid="widget-reply-time">
            <Clock className="size-3 shrink-0" aria-hidden="true" />
            {config.replyTime}
          </p>
        )
      )}
    </>
  );
}
