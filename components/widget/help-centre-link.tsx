'use client';

import { BookOpen } from 'lucide-react';
import { useWidgetText } from './strings';

/** The header's link to the shop's help centre (loaded only for shops that have one). */
export function HelpCentreLink({ url }: { url: string }) {
  const t = useWidgetText();
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" aria-label={t.helpCentre} title={t.helpCentre} className="flex h-9 w-9 items-center justify-center rounded-full hover:bg-black/10">
      <BookOpen className="h-5 w-5" aria-hidden="true" />
    </a>
  );
}
