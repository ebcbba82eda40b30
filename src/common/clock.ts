/**
 * The one clock. Anything that asks "what day is it" (month close refuses a month that has not
 * ended, SLA status as of today, quotes dated today) injects `Clock` instead of calling `new Date()`,
 * so tests can fix the date.
 */
import { Injectable } from '@nestjs/common';

@Injectable()
export class Clock {
  /** The current instant. */
  now(): Date {
    return new Date();
  }

  /** Today's date (UTC) as 'YYYY-MM-DD'. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** This month (UTC) as 'YYYY-MM'. */
  month(): string {
    return this.today().slice(0, 7);
  }
}

/** A clock stopped at one instant (tests). */
export class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.at.getTime());
  }
}
