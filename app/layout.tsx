import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { StrictCspZod } from '@/components/ui/strict-csp-zod';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Baton', template: '%s · Baton' },
  description: 'The live-chat inbox for online shops',
  // Installed on a phone's home screen (app/manifest.ts has the rest).
  appleWebApp: { capable: true, title: 'Baton', statusBarStyle: 'default' },
  icons: { apple: '/icons/apple-touch-icon.png' },
};

// resizes-content: the on-screen keyboard shrinks the page (and h-dvh), so the composer at
// the bottom of the conversation stays above it instead of under it.
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1f57cc', interactiveWidget: 'resizes-content' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body>
        <StrictCspZod />
        {children}
      </body>
    </html>
  );
}
