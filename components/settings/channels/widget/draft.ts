import type { WidgetSettings } from '@/lib/widget/settings-shape';

/** The settings form's draft: what the fields hold while the admin types (an offset can be empty). */
export type WidgetDraft = Omit<WidgetSettings, 'allowedOrigins' | 'offsetX' | 'offsetY' | 'recordingRetentionDays'> & {
  offsetX?: number;
  offsetY?: number;
  recordingRetentionDays?: number;
  origins: string;
};

export type DraftProps = {
  draft: WidgetDraft;
  set: <K extends keyof WidgetDraft>(key: K, value: WidgetDraft[K]) => void;
  fieldError: (name: string) => string | undefined;
};
