/**
 * The second-origin demo site: the same demo pages served from another port, so the cross-origin embed
 * (bundle and API on the main origin, page on this one) can be tried locally. It serves no API itself.
 *
 * @module
 */
import express, { type Express } from 'express';
import { createErrorHandler, notFoundHandler } from './error-handler.js';
import { createHostCheck } from './host-check.js';
import { createSecurityHeaders } from './security-headers.js';
import { createDemoStatic } from './static-files.js';
import type { Logger } from '../logger.js';

/** Options of {@link createDemoSiteApp}. */
export interface DemoSiteOptions {
  demoDir: string;
  /** The main server's origin, from which pages load the bundle and call the API. */
  apiOrigin: string;
  /** The listen address (a loopback address turns on the DNS-rebinding check). */
  listenHost?: string;
  logger: Logger;
}

/** Builds the demo-only application. */
export function createDemoSiteApp(options: DemoSiteOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.listenHost) app.use(createHostCheck(options.listenHost));
  app.use(
    createSecurityHeaders({
      scriptOrigins: [options.apiOrigin],
      connectOrigins: [options.apiOrigin],
      imageOrigins: [options.apiOrigin],
    }),
  );
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(createDemoStatic(options.demoDir));
  // Browsers ask every origin for a favicon; the pages link the main origin's logo instead.
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.use(notFoundHandler);
  app.use(createErrorHandler(options.logger));
  return app;
}
