'use client';

import { createContext, useContext } from 'react';
import type { WidgetStrings } from '@/lib/widget/i18n/en';

// The widget's own texts in the shop's (or the visitor's) language, handed down once by
// the widget and by the settings page's preview. Only the chosen language reaches the
// browser: the page passes its table in the config (no table is bundled as a default).

const WidgetTextContext = createContext<WidgetStrings | null>(null);

export const WidgetTextProvider = WidgetTextContext.Provider;

export function useWidgetText(): WidgetStrings {
  const strings = useContext(WidgetTextContext);
  if (!strings) throw new Error('useWidgetText needs a WidgetTextProvider above it');
  return strings;
}
