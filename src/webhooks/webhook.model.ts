import type { EventKind } from '../events/event-kinds';

/** Every kind, including kinds added later. */
export const ALL_EVENTS = '*';
export type EndpointEvents = (EventKind | typeof ALL_EVENTS)[];

export interface WebhookEndpoint {
  id: string;
  consortiumId: string;
  url: string;
  description: string | null;
  events: EndpointEvents;
  secret: string;
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventKind: EventKind;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  durationMs: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
}
