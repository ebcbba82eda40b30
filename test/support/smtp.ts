/**
 * A real SMTP server on loopback (smtp-server) that keeps every message it is sent, parsed back with
 * mailparser, for the tests of email notifications. Addresses put in `refuseOnce` have their first
 * RCPT TO refused with a transient 451; `refused` counts those refusals.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Recipients of the To header, lower-cased. */
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  attachments: { filename?: string; contentType: string; size: number }[];
}

export class SmtpCapture {
  readonly inbox: ReceivedMail[] = [];
  /** Addresses (lower case) whose first RCPT TO the server refuses (a transient 451). */
  readonly refuseOnce = new Set<string>();
  /** How many times each address was refused. */
  readonly refused = new Map<string, number>();
  private server?: SMTPServer;

  /** Starts listening on a free loopback port; resolves to the SMTP_URL that reaches it. */
  async listen(): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        const a = address.address.toLowerCase();
        if (this.refuseOnce.has(a) && !this.refused.has(a)) {
          this.refused.set(a, 1);
          const err = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          return cb(err);
        }
        cb();
      },
      onData: (stream, _session, cb) => {
        simpleParser(stream)
          .then((m: ParsedMail) => {
            const toList = (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase()));
            this.inbox.push({
              to: toList,
              subject: m.subject ?? '',
              text: m.text ?? '',
              messageId: m.messageId ?? '',
              attachments: m.attachments.map((x) => ({ filename: x.filename, contentType: x.contentType, size: x.size })),
            });
            cb();
          })
          .catch((e: Error) => cb(e));
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${port}`;
  }

  /** Stops the server (nothing to do if it never started). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
