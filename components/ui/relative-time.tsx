'use client';

import { useEffect, useState } from 'react';
import { useTimeZone } from '@/components/time/time-zone';
import { formatInZone } from '@/lib/time/format';
import { formatRelativeShort, msUntilNextChange } from '@/lib/time/relative';

/** "5m", "3h", "2d" that keeps itself current, with the exact time (viewer's zone) on hover. */
export function RelativeTime({ iso }: { iso: string }) {
  const date = new Date(iso);
  const { zone } = useTimeZone();
  const [now, setNow] = useState<Date | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = new Date();
      setNow(current);
      timer = setTimeout(tick, msUntilNextChange(date, current) + 50);
    };
    tick();
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-arm only when the time changes
  }, [iso]);

  return (
    <time dateTime={iso} title={zone ? formatInZone(date, zone, 'full') : undefined} suppressHydrationWarning>
      {formatRelativeShort(date, now ?? new Date(), zone ?? 'UTC')}
    </time>
  );
}
