import type { InvitationView, MemberView } from '../../consortia/dto';
import { homeSetupView, membersView, readInviteForm, receivedInvitationsView } from './members.view';

const HOST = 'b0000000-0000-4000-8000-000000000000';
const RIV = 'a0000000-0000-4000-8000-000000000000';
const HILL = 'c0000000-0000-4000-8000-000000000000';
const LEFT = 'd0000000-0000-4000-8000-000000000000';

const member = (organisationId: string, organisationName: string, joinedOn: string, leftOn: string | null, isHost = false): MemberView => ({
  id: `m-${organisationId}`,
  organisationId,
  organisationName,
  odsCode: null,
  isHost,
  joinedOn,
  leftOn,
});

const invitation = (id: string, organisationId: string, organisationName: string, status: InvitationView['status']): InvitationView => ({
  id,
  consortiumId: 'k',
  consortiumName: 'Eastfield Partnership',
  deliveryModel: 'cooperative',
  hostOrganisationId: HOST,
  hostOrganisationName: 'North Vale',
  organisationId,
  organisationName,
  odsCode: null,
  joinedOn: '2027-05-01',
  status,
  createdAt: new Date('2027-03-02T10:00:00Z'),
  decidedAt: status === 'pending' ? null : new Date('2027-03-04T10:00:00Z'),
});

describe('members and invitations', () => {
  it('offers "Set up a new partnership" to those the API lets create one, and says when invitations wait', () => {
    expect(homeSetupView({ role: 'host_admin', administers: true, pendingInvitations: 0 })).toEqual({
      create: { href: '/consortium/new', text: 'Set up a new partnership' },
      invitations: null,
    });
    expect(homeSetupView({ role: 'partner_user', administers: false, pendingInvitations: 0 }).create).toBeNull();
    expect(homeSetupView({ role: 'org_admin', administers: true, pendingInvitations: 2 })).toEqual({
      create: null,
      invitations: { href: '/organisation/invitations', text: 'Your organisation has 2 invitations to join a partnership waiting for an answer' },
    });
  });

  it('reads the invitation form: the organisation from the directory and a real date', () => {
    const dir = new Set([RIV]);
    expect(readInviteForm({}, dir).errors).toEqual({ organisationId: 'Select the organisation to invite', 'joinedOn-day': 'Enter the date it joins' });
    expect(readInviteForm({ organisationId: RIV, 'joinedOn-day': '1', 'joinedOn-month': '5', 'joinedOn-year': '2027' }, dir).request).toEqual({
      organisationId: RIV,
      joinedOn: '2027-05-01',
    });
  });

  it('lists members (host first) and invitations with status tags, and offers only organisations neither members nor invited', () => {
    const v = membersView({
      consortiumId: 'k',
      archived: false,
      members: [member(RIV, 'Riverside', '2027-05-01', null), member(HOST, 'North Vale', '2027-04-01', null, true), member(LEFT, 'Lakeside', '2027-04-01', '2027-06-30')],
      invitations: [invitation('i1', HILL, 'Hillcrest', 'pending'), invitation('i2', RIV, 'Riverside', 'accepted')],
      directory: [
        { id: HOST, name: 'North Vale', odsCode: 'RNV' },
        { id: RIV, name: 'Riverside', odsCode: null },
        { id: HILL, name: 'Hillcrest', odsCode: null },
        { id: LEFT, name: 'Lakeside', odsCode: 'RLK' },
      ],
      today: '2027-08-01',
      form: null,
      done: { invited: 'i1' },
      refusal: null,
    });
    expect(v.members.map((m) => [m.name, m.host, m.joined, m.leaving])).toEqual([
      ['North Vale', true, '1 April 2027', 'Not leaving'],
      ['Lakeside', false, '1 April 2027', '30 June 2027'],
      ['Riverside', false, '1 May 2027', 'Not leaving'],
    ]);
    expect(v.invitations.map((x) => [x.name, x.tag.text, x.decidedOn, x.withdraw?.action ?? null])).toEqual([
      ['Hillcrest', 'Waiting for an answer', '', '/consortium/k/members/invitations/i1/withdraw'],
      ['Riverside', 'Accepted', '4 March 2027', null],
    ]);
    expect(v.form!.organisations.map((o) => o.text)).toEqual(['Lakeside (RLK)']);
    expect(v.confirmation).toEqual({ heading: 'Hillcrest has been invited', body: 'It becomes a member from 1 May 2027 when one of its administrators accepts.' });
  });

  it("shows the invited organisation's pending invitations to answer, and the answered ones", () => {
    const v = receivedInvitationsView([invitation('i1', RIV, 'Riverside', 'pending'), invitation('i2', RIV, 'Riverside', 'declined')], { declined: 'i2' }, null);
    expect(v.pending.map((x) => [x.id, x.accept.action, x.rows.map((r) => r.value)])).toEqual([
      ['i1', '/organisation/invitations/i1/accept', ['North Vale', 'Co-operative', 'Riverside', '1 May 2027', '2 March 2027']],
    ]);
    expect(v.decided.map((x) => [x.id, x.tag.text])).toEqual([['i2', 'Declined']]);
    expect(v.confirmation).toEqual({ heading: 'You declined the invitation to join Eastfield Partnership', body: '' });
  });
});
