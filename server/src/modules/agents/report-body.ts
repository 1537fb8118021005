import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../http/app-error';

export const REPORT_LIMIT_BYTES = 5 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new AppError(
    413,
    'payload_too_large',
    `The report is larger than ${Math.round(limit / 1024 / 1024)} MiB (after decompression).`,
  );

/** JSON.parse without `__proto__` keys, so a report cannot reach an object's prototype. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch {
    throw new AppError(400, 'invalid_request', 'The body is not valid JSON.');
  }
}

/**
 * Reads an agent report: plain JSON or gzip. Decompression is streamed and stops as soon as the
 * output passes the limit, so a small gzip bomb costs at most `limit` bytes of memory, never its
 * inflated size. The wire size is bounded by the same limit.
 */
export function readReportBody(raw: IncomingMessage, limit = REPORT_LIMIT_BYTES): Promise<unknown> {
  const encoding = String(raw.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    return Promise.reject(
      new AppError(
        415,
        'invalid_request',
        'Send the report as JSON, optionally with Content-Encoding: gzip.',
      ),
    );
  }
  const declared = Number(raw.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));

  return new Promise((resolve, reject) => {
    const gunzip = encoding === 'gzip' ? createGunzip() : null;
    const chunks: Buffer[] = [];
    let wire = 0;
    let out = 0;
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      if (gunzip) {
        raw.unpipe(gunzip);
        gunzip.destroy();
      }
      reject(error);
    };
    raw.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > limit) fail(tooLarge(limit));
    });
    raw.on('error', () => fail(new AppError(400, 'invalid_request', 'The report did not arrive whole.')));
    const source = gunzip ? raw.pipe(gunzip) : raw;
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      out += chunk.length;
      if (out > limit) return fail(tooLarge(limit));
      chunks.push(chunk);
    });
    if (gunzip) {
      gunzip.on('error', () => fail(new AppError(400, 'invalid_request', 'The body is not valid gzip.')));
    }
    source.on('end', () => {
      if (settled) return;
      settled = true;
      try {
        resolve(parseJson(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
