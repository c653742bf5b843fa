import { Camera, Globe } from 'lucide-react';
import type { ChannelKind } from '@/db/schema/channels';

const meta: Record<ChannelKind, { label: string; className: string; glyph: string }> = {
  facebook: { label: 'Messenger', className: 'bg-blue-600', glyph: 'M' },
  instagram: { label: 'Instagram', className: 'bg-gradient-to-tr from-amber-500 via-pink-600 to-purple-600', glyph: 'I' },
  whatsapp: { label: 'WhatsApp', className: 'bg-emerald-500', glyph: 'W' },
  line: { label: 'LINE', className: 'bg-green-600', glyph: 'L' },
  x: { label: 'X', className: 'bg-black', glyph: 'X' },
  apple: { label: 'Apple Messages', className: 'bg-sky-500', glyph: 'A' },
  web: { label: 'Website chat', className: 'bg-slate-700', glyph: 'W' },
};

export function channelLabel(kind: ChannelKind): string {
  return meta[kind].label;
}

/** A small badge naming the channel; the label is there for screen readers and on hover. */
export function ChannelIcon({ kind, size = 16 }: { kind: ChannelKind; size?: number }) {
  const m = meta[kind];
  return (
    <span
      role="img"
      aria-label={m.label}
      title={m.label}
      style={{ width: size, height: size, fontSize: size * 0.6 }}
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-bold text-white ${m.className}`}
    >
      {kind === 'web' ? (
        <Globe style={{ width: size * 0.7, height: size * 0.7 }} strokeWidth={2.5} />
      ) : kind === 'instagram' ? (
        <Camera style={{ width: size * 0.65, height: size * 0.65 }} strokeWidth={2.5} />
      ) : (
        m.glyph
      )}
    </span>
  );
}
