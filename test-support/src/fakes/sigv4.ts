import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export interface SigV4Check {
  accessKeyId: string;
  region: string;
  /** Whether the signature matches the request under the given secret. */
  valid: boolean;
}

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way AWS does for a request without a
 * query string: canonical request → string to sign → HMAC chain from the secret key. Returns null when
 * the header is missing or not SigV4 at all.
 */
export function checkSigV4(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: string,
  service: string,
  secretFor: (accessKeyId: string) => string | undefined,
): SigV4Check | null {
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      headers.authorization ?? '',
    );
  if (!m) return null;
  const [, accessKeyId = '', date = '', region = '', svc = '', signedHeaders = '', signature = ''] = m;
  const secret = secretFor(accessKeyId);
  const amzDate = String(headers['x-amz-date'] ?? '');
  if (!secret || svc !== service || !amzDate.startsWith(date)) return { accessKeyId, region, valid: false };
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map((n) => {
      const v = headers[n];
      return `${n}:${(Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const payloadHash = String(headers['x-amz-content-sha256'] ?? sha256(body));
  const canonicalRequest = [method, path, '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return { accessKeyId, region, valid: expected === signature };
}
