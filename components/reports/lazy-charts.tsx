'use client';

import dynamic from 'next/dynamic';

const placeholder = () => <div className="h-56 w-full animate-pulse rounded bg-slate-100" aria-hidden />;

/** The charts, fetched only when the Reports page shows them. */
export const ChannelChart = dynamic(() => import('./charts').then((m) => m.ChannelChart), { ssr: false, loading: placeholder });
export const SlaChart = dynamic(() => import('./charts').then((m) => m.SlaChart), { ssr: false, loading: placeholder });
