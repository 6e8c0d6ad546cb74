import fs from 'node:fs';
import path from 'node:path';
import send from 'koa-send';
import type { Context, Middleware, Next } from 'koa';

/**
 * Serves the built h5 app. Paths that are not files get index.html (the app routes in the browser),
 * except /api/*, which always belongs to the API. Hashed assets are cached for a year, index.html never.
 * The build leaves .br/.gz twins next to text assets; koa-send picks one by Accept-Encoding.
 */
export function staticSite(root: string, log: { warn(msg: string): void }): Middleware {
  const indexFile = path.join(root, 'index.html');
  let warned = false;
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/') || ctx.path === '/api') return next();
    if (!fs.existsSync(indexFile)) {
      if (!warned) log.warn(`h5 build not found at ${root}: run "npm run build:h5"`);
      warned = true;
      return next();
    }
    const relative = decodeURIComponent(ctx.path).replace(/^\/+/, '');
    const candidate = path.join(root, relative);
    const isFile = relative !== '' && candidate.startsWith(root + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile();
    if (isFile) {
      await send(ctx, relative, {
        root,
        setHeaders: (res, file) => {
          res.setHeader('Vary', 'Accept-Encoding');
          res.setHeader('Cache-Control', /\.[0-9a-f]{8,}\./.test(path.basename(file)) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      return;
    }
    if (path.extname(relative) !== '' || !ctx.accepts('html')) return next();
    ctx.set('Cache-Control', 'no-cache');
    ctx.vary('Accept-Encoding');
    await send(ctx, 'index.html', { root });
  };
}
