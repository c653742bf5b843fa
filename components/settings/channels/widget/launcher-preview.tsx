import type { WidgetConfig, WidgetLauncherIcon } from '@/lib/widget/types';

// The shop page's launcher as the loader (public/widget.js) draws it: the same icon paths
// (the loader has no React, so it inlines them; keep the two in step), label and colours.

export const LAUNCHER_ICON_PATHS: Record<WidgetLauncherIcon, React.ReactNode> = {
  chat: <path fill="currentColor" stroke="none" d="M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.5 3.4 6l-.9 3.6c-.1.4.3.7.7.5l4.2-2.2c.8.2 1.7.3 2.6.3 5.5 0 10-3.6 10-8S17.5 3 12 3z" />,
  help: (
    <>
      <circle cx="12" cy="12" r="10" />
      <path d="M9.09 9a3 3 0 0 1 5.83 1c0 2-3 3-3 3M12 17h.01" />
    </>
  ),
  message: <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />,
  headset: <path d="M3 14h3a2 2 0 0 1 2 2v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a9 9 0 0 1 18 0v7a2 2 0 0 1-2 2h-1a2 2 0 0 1-2-2v-3a2 2 0 0 1 2-2h3" />,
};

export function LauncherIcon({ icon, size = 26 }: { icon: WidgetLauncherIcon; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {LAUNCHER_ICON_PATHS[icon]}
    </svg>
  );
}

/** The launcher in the preview's page, at the configured side and offsets (scaled down by `scale`). */
export function LauncherPreview({ config, scale }: { config: WidgetConfig; scale: number }) {
  const side = config.position === 'left' ? 'left' : 'right';
  return (
    <div
      data-testid="preview-launcher"
      data-position={config.position}
      aria-label={config.strings.openChat}
      role="img"
      className="absolute flex h-[52px] min-w-[52px] items-center justify-center gap-2 rounded-full shadow-lg"
      style={{
        [side]: Math.round(config.offsetX * scale),
        bottom: Math.round(config.offsetY * scale),
        background: config.color,
        color: config.textColor,
        padding: config.label ? '0 16px 0 12px' : undefined,
      }}
    >
      <LauncherIcon icon={config.icon} size={24} />
      {config.label && <span className="max-w-[10rem] truncate text-sm font-semibold">{config.label}</span>}
    </div>
  );
}
