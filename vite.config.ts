import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// the client lives in client/; `npm run build` writes dist/client, which the server serves in production.
// in `npm run dev`, API and socket traffic is proxied to the server on PORT (default 3000).
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // installable on a phone (issue 16, docs/field-use.md): the manifest, and a service worker that
    // keeps the app shell and the public basemap layers; the queue and the outbox live in
    // IndexedDB (client/lib/device-store.ts), never in the worker's caches
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false, // client/main.tsx registers it (workbox-window), in builds only
      includeAssets: ['icons/emblem.svg', 'icons/emblem-180.png'],
      manifest: {
        name: '鲤城区红色物业指挥平台',
        short_name: '鲤城红色物业',
        description: '鲤城区红色物业：网格事件处置、小区覆盖与业委会监督',
        lang: 'zh-CN',
        start_url: '/dispatch',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#0b1424',
        theme_color: '#c8102e',
        icons: [
          { src: '/icons/emblem-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/emblem-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/emblem-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: '/icons/emblem.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // a new version takes over open pages at once (nothing is kept in the worker between them)
        skipWaiting: true,
        clientsClaim: true,
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024, // the map bundle is ≈ 3 MB
        navigateFallback: '/index.html',
        // the API, sockets, Open311 and the API reference are never answered from the shell
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//, /^\/open311\//],
        runtimeCaching: [
          {
            // the public layers the offline basemap is drawn from, asked without a login (what
            // needs one, cameras or enterprise links, is never kept on the device)
            urlPattern: ({ url, request }) =>
              url.pathname.startsWith('/api/layers/') && !request.headers.has('authorization'),
            handler: 'StaleWhileRevalidate',
            options: {
              cacheName: 'basemap-layers',
              expiration: { maxEntries: 40, maxAgeSeconds: 30 * 24 * 3600 },
            },
          },
        ],
      },
    }),
  ],
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: {
    proxy: {
      '/api': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  test: {
    root: '.',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
