import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app/app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// the service worker (vite.config.ts: app shell and basemap layers) only in builds: in `npm run
// dev` it would serve stale modules
if (import.meta.env.PROD && 'serviceWorker' in navigator) registerSW({ immediate: true });
