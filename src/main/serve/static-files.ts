import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** A file of the built renderer, or null; paths that climb out of `root` are never read. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep) || decoded.includes('\0')) return null;
  const contentType = CONTENT_TYPES[extname(file)];
  if (!contentType) return null;
  try {
    return { body: await readFile(file), contentType };
  } catch {
    return null;
  }
}

/**
 * Why a request target looks like an attempt to read outside the built app, or null. Browsers
 * normalise `..` and never encode slashes in our asset paths, so none of these is an honest miss.
 * Checked on the raw target: the URL parser would already have folded `/%2e%2e/` away.
 */
export function suspiciousTarget(target: string): string | null {
  if (!target.startsWith('/')) return 'not a path';
  const raw = target.replace(/[?#].*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return 'malformed percent-encoding';
  }
  if (decoded.includes('\0')) return 'a NUL byte';
  if (/%2f|%5c/i.test(raw)) return 'an encoded slash or backslash';
  if (raw.includes('\\')) return 'a backslash';
  if (decoded.split('/').includes('..')) return 'a ".." segment';
  if (decoded.startsWith('//') || /^\/[a-z]:/i.test(decoded)) return 'an absolute file path';
  return null;
}
