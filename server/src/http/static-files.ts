import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContentCoding } from './accept-encoding';

export interface StaticBody {
  bytes: Buffer;
  etag: string;
}

export interface StaticFile {
  /** URL path, e.g. `/assets/index-3f2a.js`. */
  urlPath: string;
  type: string;
  lastModified: string;
  /** Seconds since the epoch, for If-Modified-Since. */
  mtimeSeconds: number;
  identity: StaticBody;
  /** Precompressed copies made at build time (`file.br`, `file.gz`). */
  encoded: Map<ContentCoding, StaticBody>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

const SUFFIX: Record<ContentCoding, string> = { br: '.br', gzip: '.gz' };

function body(bytes: Buffer, tag: string): StaticBody {
  const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
  return { bytes, etag: `"${hash}${tag}"` };
}

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/**
 * The built web app, read once at start-up: a build never changes under a running server, so every
 * file is served from memory with its ETag computed once. Source maps are never served, and the
 * precompressed copies are reachable only through content negotiation, not by their own names.
 */
export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files: string[] = [];
  walk(root, files);
  const present = new Set(files);
  const index = new Map<string, StaticFile>();
  for (const file of files) {
    if (file.endsWith('.map')) continue;
    if ((file.endsWith('.br') || file.endsWith('.gz')) && present.has(file.slice(0, -3))) continue;
    const stat = fs.statSync(file);
    const encoded = new Map<ContentCoding, StaticBody>();
    for (const coding of ['br', 'gzip'] as const) {
      const variant = file + SUFFIX[coding];
      if (present.has(variant)) encoded.set(coding, body(fs.readFileSync(variant), `-${coding}`));
    }
    const urlPath = '/' + path.relative(root, file).split(path.sep).join('/');
    index.set(urlPath, {
      urlPath,
      type: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      lastModified: stat.mtime.toUTCString(),
      mtimeSeconds: Math.floor(stat.mtimeMs / 1000),
      identity: body(fs.readFileSync(file), ''),
      encoded,
    });
  }
  return index;
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since. */
export function isNotModified(
  headers: { 'if-none-match'?: string | undefined; 'if-modified-since'?: string | undefined },
  etag: string,
  mtimeSeconds: number,
): boolean {
  const noneMatch = headers['if-none-match'];
  if (noneMatch !== undefined) {
    return noneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === etag || tag === '*');
  }
  const since = headers['if-modified-since'];
  if (since === undefined) return false;
  const at = Date.parse(since);
  return Number.isFinite(at) && mtimeSeconds <= Math.floor(at / 1000);
}
