import { readWebhookForm, webhookErrorsFromService, webhooksView } from './webhooks.view';

const endpoint = (over: Record<string, unknown> = {}) => ({
  id: 'e1',
  url: 'https://hooks.example.com/in',
  description: null,
  events: ['*'],
  enabled: true,
  consecutiveFailures: 0,
  disabledAt: null,
  disabledReason: null,
  createdAt: new Date('2026-01-02T10:00:00Z'),
  ...over,
});

describe('webhooks page view', () => {
  it('reads the add form: every event wins over single kinds; unknown kinds are dropped', () => {
    expect(readWebhookForm({ url: ' https://x.example/in ', events: ['month.closed', '*'], description: '' }).create).toEqual({
      url: 'https://x.example/in',
      events: ['*'],
      description: null,
    });
    expect(readWebhookForm({ url: 'https://x.example/in', events: ['month.closed', 'nope'], description: 'DW' }).create).toEqual({
      url: 'https://x.example/in',
      events: ['month.closed'],
      description: 'DW',
    });
    expect(readWebhookForm({ events: 'month.closed' }).errors).toEqual({ url: 'Enter the address the events are sent to' });
    expect(readWebhookForm({ url: 'https://x.example/in', events: 'nope' }).errors).toEqual({ events: 'Choose the events to send, or every event' });
    expect(readWebhookForm({}).create).toBeNull();
  });

  it("turns the service's errors into the form's", () => {
    expect(webhookErrorsFromService([{ field: 'url', message: 'url must be an https:// URL' }])).toEqual({ url: 'The address must be an https:// URL.' });
  });

  it('shows a disabled endpoint with its reason and an enable action, and the deliveries with their tags', () => {
    const v = webhooksView({
      consortiumId: 'c1',
      manages: true,
      endpoints: [
        {
          endpoint: endpoint({
            enabled: false,
            disabledAt: new Date('2026-01-03T10:00:00Z'),
            disabledReason: 'Disabled after 15 failed attempts in a row (last: HTTP 503)',
            consecutiveFailures: 15,
          }),
          deliveries: [
            {
              id: 'd1',
              eventKind: 'month.closed',
              status: 'cancelled',
              attempts: 3,
              lastStatusCode: 503,
              lastError: 'HTTP 503',
              createdAt: new Date('2026-01-03T09:00:00Z'),
              deliveredAt: null,
            },
            {
              id: 'd2',
              eventKind: 'agreement.proposed',
              status: 'delivered',
              attempts: 1,
              lastStatusCode: 200,
              lastError: null,
              createdAt: new Date('2026-01-02T09:00:00Z'),
              deliveredAt: new Date('2026-01-02T09:00:01Z'),
            },
          ],
          totalDeliveries: 12,
        },
      ],
      form: { url: '', events: ['*'], description: '' },
      errors: {},
      secret: null,
      done: null,
    });
    const e = v.endpoints[0];
    expect(e.status).toEqual({ text: 'Disabled', colour: 'red' });
    expect(e.disabledReason).toBe('Disabled after 15 failed attempts in a row (last: HTTP 503).');
    expect(e.enableAction).toBe('/consortium/c1/webhooks/e1/enable');
    expect(e.disableAction).toBeNull();
    expect(e.events).toBe('Every event');
    expect(e.more).toBe(12);
    expect(e.deliveries.map((d) => [d.status.text, d.answer])).toEqual([
      ['Cancelled', 'HTTP 503'],
      ['Delivered', 'HTTP 200'],
    ]);
    expect(v.eventChoices[0]).toEqual(expect.objectContaining({ value: '*', checked: true }));
  });

  it('offers no actions when the user may not change it (an archived partnership)', () => {
    const v = webhooksView({
      consortiumId: 'c1',
      manages: false,
      endpoints: [{ endpoint: endpoint(), deliveries: [], totalDeliveries: 0 }],
      form: { url: '', events: [], description: '' },
      errors: {},
      secret: null,
      done: null,
    });
    expect(v.endpoints[0]).toEqual(expect.objectContaining({ disableAction: null, deleteAction: null, rotateAction: null, noDeliveries: true }));
    expect(v.manages).toBe(false);
  });
});
