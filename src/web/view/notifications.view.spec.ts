import { fieldId, notificationErrorLinks, notificationsView, readNotificationsForm } from './notifications.view';
import { preferencesView } from '../../notifications/core/recipients';
import { EVENT_KINDS } from '../../events/event-kinds';

describe('notification preferences page', () => {
  it('reads the form: ticked boxes yes, missing boxes no, a PDF only where there is one', () => {
    const body: Record<string, unknown> = {};
    for (const kind of EVENT_KINDS) {
      body[`${fieldId(kind)}-mode`] = 'immediate';
      body[`${fieldId(kind)}-enabled`] = 'yes';
      body[`${fieldId(kind)}-attach`] = 'yes';
    }
    body['sla-breached-enabled'] = undefined;
    body['month-closed-mode'] = 'digest';
    const r = readNotificationsForm(body);
    expect(r.errors).toEqual([]);
    expect(r.items.find((i) => i.kind === 'sla.breached')).toEqual({ kind: 'sla.breached', enabled: false, mode: 'immediate', attachPdf: false });
    expect(r.items.find((i) => i.kind === 'month.closed')).toEqual({ kind: 'month.closed', enabled: true, mode: 'digest', attachPdf: true });
  });

  it('names a kind without a mode, linked to its first radio', () => {
    const r = readNotificationsForm({ 'board-pack-due-mode': 'weekly' });
    expect(r.errors).toHaveLength(EVENT_KINDS.length);
    expect(notificationErrorLinks(r.errors)[5]).toEqual({ text: 'Select when to get emails about: the monthly board pack is ready', href: '#board-pack-due-mode' });
  });

  it('shows every kind with its choices checked', () => {
    const v = notificationsView(preferencesView([{ kind: 'board_pack.due', enabled: false, mode: 'digest', attachPdf: true }]), { saved: true });
    expect(v.kinds).toHaveLength(EVENT_KINDS.length);
    const pack = v.kinds.find((k) => k.id === 'board-pack-due')!;
    expect(pack.enabled).toBe(false);
    expect(pack.modes.map((m) => m.checked)).toEqual([false, true]);
    expect(pack.attach).toEqual({ id: 'board-pack-due-attach', text: 'Attach the board pack (PDF)', checked: true });
    expect(v.kinds.find((k) => k.id === 'sla-breached')!.attach).toBeNull();
    expect(v.saved).toBe(true);
  });
});
