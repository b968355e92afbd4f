import { createRequire } from 'node:module';
import path from 'node:path';
import { Router } from 'express';
import { buildOpenApiDocument } from './openapi-document.ts';

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const { version: API_VERSION } = require('../../package.json') as { version: string };

// the reference page: swagger-ui-dist's bundle served from this origin (works offline, fits the
// CSP: no inline script), pointed at our document
const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>鲤城区红色物业指挥平台 API</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/docs-init.js"></script>
  </body>
</html>`;
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** GET /api/openapi.json (the document) and /api/docs (a browsable reference). Public. */
export function openApiRouter(): Router {
  const router = Router();
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  router.get('/api/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument(API_VERSION);
    res.json(document);
  });
  router.get('/api/docs', (_req, res) => res.type('html').send(DOCS_PAGE));
  router.get('/api/docs/docs-init.js', (_req, res) => res.type('js').send(DOCS_INIT));
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    router.get(`/api/docs/${file}`, (_req, res) =>
      res.sendFile(path.join(SWAGGER_UI_DIR, file), { maxAge: '1d' }),
    );
  }
  return router;
}
