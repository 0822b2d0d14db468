/**
 * Static files: the built element (dist/) and the demo site (demo/).
 *
 * The bundle is meant to be loaded by other sites (`<script src="https://chat.example.com/chatkit-chat.js">`),
 * so its files carry `Access-Control-Allow-Origin: *` (module scripts are fetched in CORS mode) and
 * `Cross-Origin-Resource-Policy: cross-origin` (pages with COEP may embed it). Only the bundle files are
 * exposed, not the rest of dist/ (type declarations, manifests).
 *
 * @module
 */
import express, { Router, type RequestHandler, type Response } from 'express';
import { join } from 'node:path';

/** Public bundle entry points (and their source maps) at the site root. */
const BUNDLE_ENTRY = /^\/chatkit-chat(\.iife)?\.js(\.map)?$/;

/** Headers that let any origin load the bundle. */
function setCrossOriginHeaders(res: Response): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Timing-Allow-Origin', '*');
}

/**
 * Serves `/chatkit-chat.js`, `/chatkit-chat.iife.js` (+ `.map`) and `/chunks/*` from `distDir`.
 *
 * Entry files keep stable names across releases, so they are cached briefly and revalidated by ETag;
 * chunks have content hashes in their names and are cached for a year as immutable.
 */
export function createBundleRouter(distDir: string): Router {
  const router = Router();
  const entries = express.static(distDir, {
    index: false,
    fallthrough: true,
    setHeaders: (res) => {
      setCrossOriginHeaders(res);
      res.setHeader('Cache-Control', 'public, max-age=300, stale-while-revalidate=3600');
    },
  });
  const onlyEntries: RequestHandler = (req, res, next) => {
    if (!BUNDLE_ENTRY.test(req.path)) {
      next();
      return;
    }
    entries(req, res, next);
  };
  router.use(onlyEntries);
  router.use(
    '/chunks',
    express.static(join(distDir, 'chunks'), {
      index: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: setCrossOriginHeaders,
    }),
  );
  return router;
}

/**
 * Serves the demo pages from `demoDir` (`/` → index.html, `/inline` → inline.html). Pages are revalidated
 * on every load (`no-cache` + ETag) so edits show up immediately.
 */
export function createDemoStatic(demoDir: string): RequestHandler {
  return express.static(demoDir, {
    index: 'index.html',
    extensions: ['html'],
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });
}
