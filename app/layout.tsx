import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { StrictCspZod } from '@/components/ui/strict-csp-zod';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Baton', template: '%s · Baton' },
  description: 'The live-chat inbox for online shops',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

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
