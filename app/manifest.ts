import type { MetadataRoute } from 'next';

// The installed agent app. The manifest is one per site while inboxes live under a
// workspace, so the start URL and the shortcuts go through /workspaces, which opens the
// agent's workspace (or lets them pick one) on the named inbox tab.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Baton: shop inbox',
    short_name: 'Baton',
    description: 'Answer your shop’s customers on every channel, from one inbox.',
    start_url: '/workspaces?tab=all',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    theme_color: '#1f57cc',
    background_color: '#ffffff',
    categories: ['business', 'productivity'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [
      { name: 'Active', short_name: 'Active', description: 'Conversations assigned to you', url: '/workspaces?tab=active', icons: [{ src: '/icons/icon-96.png', sizes: '96x96', type: 'image/png' }] },
      { name: 'Requests', short_name: 'Requests', description: 'Customers waiting for a person', url: '/workspaces?tab=requests', icons: [{ src: '/icons/icon-96.png', sizes: '96x96', type: 'image/png' }] },
    ],
  };
}
