import { EmailConfig, EmailSecrets } from '@archnest/contract';
import nodemailer from 'nodemailer';
import type { AlertMessage } from '../alert-message';
import { DeliveryError, defineChannel } from './channel';
import { htmlEscape } from './telegram.channel';

const COLOR: Record<AlertMessage['severity'], string> = {
  critical: '#d32f2f',
  warning: '#f9a825',
  info: '#1976d2',
};

export function emailHtml(message: AlertMessage): string {
  const color = message.kind === 'resolved' ? '#2e7d32' : COLOR[message.severity];
  const rows = message.subject
    ? `<tr><td>Subject</td><td>${htmlEscape(message.subject.name)}</td></tr>` +
      `<tr><td>Host</td><td>${htmlEscape(message.subject.host)}</td></tr>`
    : '';
  return (
    `<div style="font-family:sans-serif"><h2 style="color:${color}">${htmlEscape(message.title)}</h2>` +
    `<p>${htmlEscape(message.text)}</p><table>${rows}` +
    `<tr><td>Severity</td><td>${message.severity}</td></tr><tr><td>At</td><td>${message.at}</td></tr></table></div>`
  );
}

/** SMTP's 4xx replies are transient, 5xx permanent (the reverse of HTTP's sense of "server error"). */
function toDeliveryError(err: unknown, timeoutMs: number): DeliveryError {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const code = e.responseCode;
  if (typeof code === 'number') {
    return new DeliveryError(`SMTP ${code}: ${(e.message ?? '').slice(0, 200)}`, code >= 400 && code < 500);
  }
  if (e.code === 'ETIMEDOUT')
    return new DeliveryError(`No answer within ${Math.round(timeoutMs / 1000)} s.`, true);
  // An untrusted or mismatched certificate does not heal by retrying.
  if (/certificate|self[- ]signed|unable to verify|altnames/i.test(e.message ?? '')) {
    return new DeliveryError(`TLS failed: ${(e.message ?? '').slice(0, 200)}`, false);
  }
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') {
    const refused = /ECONNREFUSED/.test(e.message ?? '');
    return new DeliveryError(
      refused ? 'The connection was refused.' : `Connection failed: ${e.message ?? ''}`,
      true,
    );
  }
  if (e.code === 'EAUTH') return new DeliveryError('The SMTP server refused the login.', false);
  if (e.code === 'ETLS') return new DeliveryError(`TLS failed: ${e.message ?? ''}`, false);
  return new DeliveryError(`Sending failed: ${(e.message ?? 'unknown error').slice(0, 200)}`, false);
}

/** E-mail over SMTP: implicit TLS or required STARTTLS (or plain for a local relay), text and HTML. */
export const emailChannel = defineChannel({
  kind: 'email',
  config: EmailConfig,
  secrets: EmailSecrets,
  target: (config) => `smtp://${config.host}:${config.port}`,
  send: async (message, config, secrets, ctx) => {
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.security === 'tls',
      requireTLS: config.security === 'starttls',
      ignoreTLS: config.security === 'none',
      ...(config.username ? { auth: { user: config.username, pass: secrets.password ?? '' } } : {}),
      tls: { rejectUnauthorized: true, ...(config.ca ? { ca: config.ca } : {}) },
      connectionTimeout: ctx.timeoutMs,
      greetingTimeout: ctx.timeoutMs,
      socketTimeout: ctx.timeoutMs,
    });
    const abort = () => transport.close();
    ctx.signal.addEventListener('abort', abort);
    try {
      await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: message.title,
        text: `${message.text}\n\nSeverity: ${message.severity}\nAt: ${message.at}\n`,
        html: emailHtml(message),
      });
      return { httpStatus: null };
    } catch (err) {
      if (ctx.signal.aborted) {
        throw new DeliveryError(`No answer within ${Math.round(ctx.timeoutMs / 1000)} s.`, true);
      }
      throw toDeliveryError(err, ctx.timeoutMs);
    } finally {
      ctx.signal.removeEventListener('abort', abort);
      transport.close();
    }
  },
});
