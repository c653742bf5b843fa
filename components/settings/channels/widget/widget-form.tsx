'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { WidgetSettings } from '@/lib/widget/settings-shape';
import { presentWidgetConfig } from '@/lib/widget/present';
import { replyTimeKey } from '@/lib/widget/reply-time';
import { updateWidgetSettingsAction } from '@/app/w/[slug]/settings/channels/[channelId]/widget/actions';
import { CheckboxField, FormFooter, useActionForm } from '@/components/ui/form-kit';
import type { DraftProps, WidgetDraft } from './draft';
import { AppearanceFields, AvailabilityFields, CallFields, CobrowseField, LanguageFields, OriginsField, RecordingFields, RepliesFields, TranscriptField } from './form-sections';

// The widget settings with a live preview: the draft lives here, every field is controlled,
// and the preview draws the real widget components from it as the admin types. The server
// checks everything again on save.

const WidgetPreview = dynamic(() => import('./widget-preview').then((m) => m.WidgetPreview), {
  ssr: false,
  loading: () => <div className="h-[620px] animate-pulse rounded-xl bg-slate-100" />,
});


const HEX = /^#[0-9a-fA-F]{6}$/;
const clampOffset = (v: number | undefined, fallback: number) => (v === undefined || !Number.isFinite(v) ? fallback : Math.min(200, Math.max(0, Math.round(v))));

/** The draft as the widget would read it: a colour being typed keeps the last good one, offsets stay in range. */
function previewSettings(draft: WidgetDraft, lastColor: string): WidgetSettings {
  const { origins: _origins, ...rest } = draft;
  return {
    ...rest,
    color: HEX.test(draft.color) ? draft.color.toLowerCase() : lastColor,
    offsetX: clampOffset(draft.offsetX, 20),
    offsetY: clampOffset(draft.offsetY, 20),
    recordingRetentionDays: draft.recordingRetentionDays ?? 30,
    allowedOrigins: [],
  };
}

export function WidgetSettingsForm({
  slug,
  workspaceId,
  channelId,
  token,
  settings,
  computedMedianSeconds,
  mailReady,
}: {
  slug: string;
  workspaceId: string;
  channelId: string;
  token: string;
  settings: WidgetSettings;
  /** The shop's median first response over the last 7 days, for a "computed" reply time. */
  computedMedianSeconds: number | null;
  /** Whether the shop's SMTP server is set up: the transcript button needs it. */
  mailReady: boolean;
}) {
  const { allowedOrigins, ...initial } = settings;
  const [draft, setDraft] = useState<WidgetDraft>({ ...initial, origins: allowedOrigins.join('\n') });
  const [lastColor, setLastColor] = useState(settings.color);
  const [previewAway, setPreviewAway] = useState(false);
  const { state, pending, onSubmit, fieldError, formRef } = useActionForm((form) => updateWidgetSettingsAction(form));
  const set: DraftProps['set'] = (key, value) => {
    if (key === 'color' && typeof value === 'string' && HEX.test(value)) setLastColor(value.toLowerCase());
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const props = { draft, set, fieldError };
  const config = presentWidgetConfig(token, previewSettings(draft, lastColor), {
    available: !previewAway,
    replyTime: replyTimeKey(draft.replyTime, computedMedianSeconds),
    browserLanguage: null,
    mailReady,
  });

  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,360px)]">
      <form ref={formRef} onSubmit={onSubmit} className="min-w-0 space-y-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" aria-label="Website chat settings">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <input type="hidden" name="channelId" value={channelId} />
        <AppearanceFields {...props} />
        <RepliesFields {...props} computedMedianSeconds={computedMedianSeconds} />
        <LanguageFields {...props} />
        <AvailabilityFields {...props} slug={slug} />
        <TranscriptField {...props} slug={slug} mailReady={mailReady} />
        <RecordingFields {...props} />
        <CallFields {...props} />
        <CobrowseField {...props} />
        <OriginsField {...props} />
        <FormFooter pending={pending} state={state}>
          Save
        </FormFooter>
      </form>
      <aside className="min-w-0 lg:sticky lg:top-4 lg:self-start" aria-labelledby="widget-preview-title">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="widget-preview-title" className="font-semibold">
            Preview
          </h2>
          <CheckboxField label="Show as when nobody is available" checked={previewAway} onCheckedChange={setPreviewAway} />
        </div>
        <WidgetPreview config={config} />
      </aside>
    </div>
  );
}
