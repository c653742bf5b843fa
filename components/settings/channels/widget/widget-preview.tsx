'use client';

import { useRef } from 'react';
import type { WidgetConfig, WidgetMessageView } from '@/lib/widget/types';
import { Composer } from '@/components/widget/composer';
import { MessageLog, WidgetHeader } from '@/components/widget/widget-parts';
import { OfflineForm } from '@/components/widget/offline-form';
import { WidgetTextProvider } from '@/components/widget/strings';
import { LauncherPreview } from './launcher-preview';

// The live preview beside the settings: the widget's own components drawn with the draft,
// inside a small stand-in for the shop's page with the launcher where it will sit. Nothing
// here talks to the server. Rendered in the browser only (times are the viewer's).

const SAMPLE_REPLY: WidgetMessageView = {
  id: 'preview-reply',
  clientId: null,
  from: 'agent',
  authorName: 'Ana',
  createdAt: '2026-01-01T10:00:00.000Z',
  seq: 1,
  status: 'sent',
  text: 'Sure! That dress is in stock in M.',
  attachments: [],
  quickReplies: [],
  buttons: [],
  product: null,
  article: null,
  location: null,
  contact: null,
};

const noop = () => {};
const previewSession = {
  api: { sendOffline: () => Promise.reject(new Error('preview')) } as never,
  withSession: () => Promise.reject(new Error('preview')),
};

/** How far the preview's page is scaled from a real one: offsets are drawn at this scale. */
const SCALE = 0.5;

export function WidgetPreview({ config }: { config: WidgetConfig }) {
  const listRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const side = config.position === 'left' ? 'left' : 'right';
  const offline = !config.available && config.offlineMode === 'form';
  return (
    <WidgetTextProvider value={config.strings}>
      <div className="relative h-[620px] overflow-hidden rounded-xl border border-slate-200 bg-gradient-to-b from-slate-100 to-slate-200" data-testid="widget-preview">
        <div
          inert
          className="absolute flex max-h-[calc(100%-96px)] w-[calc(100%-24px)] max-w-[340px] flex-col overflow-hidden rounded-2xl bg-slate-50 text-slate-900 shadow-xl"
          style={{ [side]: 12, bottom: 84, height: 500 }}
          data-widget-theme={config.theme}
        >
          <WidgetHeader config={config} signedInAs={null} onClose={noop} />
          <MessageLog
            config={config}
            listRef={listRef}
            onScroll={noop}
            older={null}
            messages={[SAMPLE_REPLY]}
            pending={[]}
            loading={false}
            empty={false}
            agentTyping={null}
            onChoice={noop}
            onRetry={noop}
          />
          {offline ? (
            <OfflineForm config={config} session={previewSession} state={{ merge: noop }} />
          ) : (
            <Composer config={config} disabled onSend={noop} onFile={noop} onTyping={noop} inputRef={inputRef} />
          )}
        </div>
        <LauncherPreview config={config} scale={SCALE} />
      </div>
    </WidgetTextProvider>
  );
}
