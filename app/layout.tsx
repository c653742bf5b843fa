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

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1f57cc' };

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
