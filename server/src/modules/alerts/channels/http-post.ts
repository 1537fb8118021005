import { DeliveryError, type SendContext, type SendResult } from './channel';

const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function causeCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let i = 0; i < 4 && current && typeof current === 'object'; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * POSTs JSON to exactly the configured URL: redirects are not followed (a 3xx is a failure), TLS is
 * verified, the attempt is bounded by the context's signal. The answer's body is read (up to 2 KiB for
 * the error text) so the connection is freed.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  ctx: SendContext,
): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'ArchNest-Alerts/1', ...headers },
      redirect: 'manual',
      signal: ctx.signal,
    });
  } catch (err) {
    if (ctx.signal.aborted) {
      throw new DeliveryError(`No answer within ${Math.round(ctx.timeoutMs / 1000)} s.`, true);
    }
    const code = causeCode(err);
    if (code === 'ECONNREFUSED') throw new DeliveryError('The connection was refused.', true);
    if (code && RETRYABLE_CODES.has(code)) throw new DeliveryError(`Network error (${code}).`, true);
    // TLS failures (an untrusted certificate) and bad addresses do not heal by retrying.
    throw new DeliveryError(`Request failed${code ? ` (${code})` : ''}.`, false);
  }
  let text = '';
  try {
    text = (await response.text()).slice(0, 2048);
  } catch {
    // The status is what matters; a body cut off by the timeout changes nothing.
  }
  const status = response.status;
  if (status >= 200 && status < 300) return { httpStatus: status };
  const detail = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  const message = `HTTP ${status}${detail ? `: ${detail}` : ''}`;
  throw new DeliveryError(message, status >= 500, status);
}
