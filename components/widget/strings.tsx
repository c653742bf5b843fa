'use client';

import { createContext, useContext } from 'react';
import { en, type WidgetStrings } from '@/lib/widget/i18n/en';

// The widget's own texts in the shop's (or the visitor's) language, handed down once by
// the widget and by the settings page's preview. Only the chosen language reaches the
// browser: the page passes its table in the config.

const WidgetTextContext = createContext<WidgetStrings>(en);

export const WidgetTextProvider = WidgetTextContext.Provider;

export function useWidgetText(): WidgetStrings {
  return useContext(WidgetTextContext);
}
