/**
 * Sends mail over SMTP (nodemailer, SMTP_URL). Without SMTP_URL there is no transport: the
 * notifications are recorded as `skipped` and nothing is sent.
 */
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { MAIL_CONFIG, type MailConfig } from '../config/slices';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(@Inject(MAIL_CONFIG) private readonly config: MailConfig) {}

  /** Whether mail is sent at all (SMTP_URL set). */
  get enabled(): boolean {
    return !!this.config.smtpUrl;
  }

  /** Sends one message; rejects on any SMTP error (the caller decides whether to try again). */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.config.smtpUrl) throw new Error('no mail server configured (SMTP_URL)');
    this.transport ??= nodemailer.createTransport(this.config.smtpUrl);
    await this.transport.sendMail({ from: this.config.from, ...mail });
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = null;
  }
}
