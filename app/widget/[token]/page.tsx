import type { Metadata } from 'next';
import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { WidgetApp } from '@/components/widget/widget-app';
import { getDb } from '@/lib/db';
import { realtimeClientConfig } from '@/lib/config';
import { findWidgetChannel } from '@/lib/widget/context';
import { normalizeOrigin, originAllowed } from '@/lib/widget/origins';
import { browserLanguageOf, liveWidgetConfig } from '@/lib/widget/config';
import { readWidgetSettings } from '@/lib/widget/settings';

// The chat a shop's visitors see, inside the iframe the loader (public/widget.js) opens.
// Framing is allowed by proxy.ts (frame-ancestors from the channel's allowed sites).

export const dynamic = 'force-dynamic';

/** One lookup per request, shared by the metadata and the page. */
const widgetChannel = cache((token: string) => findWidgetChannel(getDb(), token));

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const channel = await widgetChannel((await params).token);
  return {
    title: { absolute: channel ? readWidgetSettings(channel.channel.settings).title : 'Chat' },
    robots: { index: false, follow: false },
  };
}

export default async function WidgetPage({ params, searchParams }: Props) {
  const { token } = await params;
  const channel = await widgetChannel(token);
  if (!channel) notFound();
  // The loader says which page framed us, so replies go to that origin only; an origin
  // this chat is not enabled on is ignored (the browser refuses the frame there anyway).
  const query = await searchParams;
  const raw = query.origin;
  const origin = typeof raw === 'string' ? normalizeOrigin(raw) : null;
  const allowed = readWidgetSettings(channel.channel.settings).allowedOrigins;
  const parentOrigin = origin && !origin.includes('*') && originAllowed(origin, allowed) ? origin : null;
  // The loader passes the visitor's navigator.language; opened on its own, the browser's header says it.
  const lang = browserLanguageOf(typeof query.lang === 'string' ? query.lang : (await headers()).get('accept-language'));
  const config = await liveWidgetConfig(getDb(), channel, lang);
  return <WidgetApp config={config} realtime={realtimeClientConfig()} parentOrigin={parentOrigin} />;
}
