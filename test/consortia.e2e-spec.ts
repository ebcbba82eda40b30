import { createTestApp, TestApp } from './support/app';
import { buildWorld, org, World } from './support/world';

describe('consortia, members and service lines (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  describe('consortia', () => {
    it('a host_admin creates a consortium hosted by its organisation; the host becomes a member from startDate', async () => {
      const res = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', w.tokens.host!)
        .send({ name: 'Second partnership', deliveryModel: 'shared_services_company', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-07-01' })
        .expect(201);
      expect(res.body).toMatchObject({ name: 'Second partnership', deliveryModel: 'shared_services_company', startDate: '2025-07-01' });
      const members = await t.http.get(`/api/v1/consortia/${res.body.id}/members`).set('Authorization', w.tokens.host!).expect(200);
      expect(members.body.items).toEqual([expect.objectContaining({ organisationId: w.c1.hostOrgId, isHost: true, joinedOn: '2025-07-01', leftOn: null })]);
    });

    it('a host_admin may not create a consortium hosted by another organisation (403); partners 403', async () => {
      const body = { name: 'x', deliveryModel: 'cooperative', hostOrganisationId: w.c2.hostOrgId, startDate: '2025-04-01' };
      await t.http.post('/api/v1/consortia').set('Authorization', w.tokens.host!).send(body).expect(403);
      await t.http
        .post('/api/v1/consortia')
        .set('Authorization', w.tokens.partner!)
        .send({ ...body, hostOrganisationId: w.c1.partnerOrgIds[0] })
        .expect(403);
    });

    it('400 naming fields: unknown model, bad date, unknown host', async () => {
      const res = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', w.tokens.admin!)
        .send({ name: 'x', deliveryModel: 'franchise', hostOrganisationId: 'x', startDate: '2025-02-30' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['deliveryModel', 'hostOrganisationId', 'startDate']);
      const unknown = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', w.tokens.admin!)
        .send({ name: 'x', deliveryModel: 'cooperative', hostOrganisationId: '5b2a8a8e-0000-4000-8000-000000000000', startDate: '2025-04-01' })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('hostOrganisationId');
    });

    it('lists only the consortia the caller may see', async () => {
      const ids = async (token: string) => (await t.http.get('/api/v1/consortia').set('Authorization', token).expect(200)).body.items.map((c: { id: string }) => c.id);
      expect(await ids(w.tokens.partner!)).toEqual([w.c1.consortiumId]);
      expect(await ids(w.tokens.board!)).toEqual([w.c1.consortiumId]);
      expect(await ids(w.tokens.foreignPartner!)).toEqual([w.c2.consortiumId]);
      const adminIds = await ids(w.tokens.admin!);
      expect(adminIds).toEqual(expect.arrayContaining([w.c1.consortiumId, w.c2.consortiumId]));
    });

    it('another tenant’s consortium is a 404 for every non-admin role', async () => {
      for (const a of ['host', 'partner', 'otherPartner', 'board'] as const) {
        await t.http.get(`/api/v1/consortia/${w.c2.consortiumId}`).set('Authorization', w.tokens[a]!).expect(404);
      }
      await t.http.get(`/api/v1/consortia/${w.c2.consortiumId}`).set('Authorization', w.tokens.otherHost!).expect(200);
    });

    it('the host renames it; partners get 403, another host 404; hostOrganisationId cannot be changed', async () => {
      const res = await t.http.patch(`/api/v1/consortia/${w.c1.consortiumId}`).set('Authorization', w.tokens.host!).send({ name: 'Renamed' }).expect(200);
      expect(res.body.name).toBe('Renamed');
      await t.http.patch(`/api/v1/consortia/${w.c1.consortiumId}`).set('Authorization', w.tokens.partner!).send({ name: 'Mine' }).expect(403);
      await t.http.patch(`/api/v1/consortia/${w.c1.consortiumId}`).set('Authorization', w.tokens.otherHost!).send({ name: 'Mine' }).expect(404);
      const mass = await t.http.patch(`/api/v1/consortia/${w.c1.consortiumId}`).set('Authorization', w.tokens.host!).send({ hostOrganisationId: w.c2.hostOrgId }).expect(400);
      expect(mass.body.errors[0].field).toBe('hostOrganisationId');
    });
  });

  describe('members', () => {
    it('adds a member, refuses overlapping periods and reversed dates, and allows a later rejoin', async () => {
      const o = await org(t, w.tokens.admin!);
      const url = `/api/v1/consortia/${w.c1.consortiumId}/members`;
      // the host invites; only a platform admin enrols directly
      await t.http.post(url).set('Authorization', w.tokens.host!).send({ organisationId: o, joinedOn: '2025-05-16' }).expect(403);
      const added = await t.http.post(url).set('Authorization', w.tokens.admin!).send({ organisationId: o, joinedOn: '2025-05-16' }).expect(201);
      expect(added.body).toMatchObject({ organisationId: o, joinedOn: '2025-05-16', leftOn: null, isHost: false });
      const overlap = await t.http.post(url).set('Authorization', w.tokens.admin!).send({ organisationId: o, joinedOn: '2025-09-01' }).expect(409);
      const invited = await t.http
        .post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`)
        .set('Authorization', w.tokens.host!)
        .send({ organisationId: o, joinedOn: '2025-09-01' })
        .expect(409);
      expect(invited.body.code).toBe('membership_overlap');
      expect(overlap.body.errors[0].field).toBe('joinedOn');
      const reversed = await t.http.patch(`${url}/${o}`).set('Authorization', w.tokens.host!).send({ leftOn: '2025-05-15' }).expect(400);
      expect(reversed.body.errors[0].field).toBe('leftOn');
      const left = await t.http.patch(`${url}/${o}`).set('Authorization', w.tokens.host!).send({ leftOn: '2025-09-30' }).expect(200);
      expect(left.body.leftOn).toBe('2025-09-30');
      // bringing it forward ends the membership sooner: the host may; postponing or clearing it keeps the member longer: not without consent
      await t.http.patch(`${url}/${o}`).set('Authorization', w.tokens.host!).send({ leftOn: '2025-08-31' }).expect(200);
      await t.http.patch(`${url}/${o}`).set('Authorization', w.tokens.host!).send({ leftOn: '2025-09-30' }).expect(403);
      await t.http.patch(`${url}/${o}`).set('Authorization', w.tokens.host!).send({ leftOn: null }).expect(403);
      await t.http.post(url).set('Authorization', w.tokens.admin!).send({ organisationId: o, joinedOn: '2025-08-31' }).expect(409);
      await t.http.post(url).set('Authorization', w.tokens.admin!).send({ organisationId: o, joinedOn: '2025-10-01' }).expect(201);
      const list = await t.http.get(url).set('Authorization', w.tokens.partner!).expect(200);
      expect(list.body.items.filter((m: { organisationId: string }) => m.organisationId === o)).toHaveLength(2);
    });

    it('refuses joinedOn before the consortium starts, unknown organisations and bad dates', async () => {
      const url = `/api/v1/consortia/${w.c1.consortiumId}/members`;
      const o = await org(t, w.tokens.admin!);
      const early = await t.http.post(url).set('Authorization', w.tokens.admin!).send({ organisationId: o, joinedOn: '2024-01-01' }).expect(400);
      expect(early.body.errors[0].field).toBe('joinedOn');
      const unknown = await t.http
        .post(url)
        .set('Authorization', w.tokens.admin!)
        .send({ organisationId: '5b2a8a8e-0000-4000-8000-000000000000', joinedOn: '2025-06-01' })
        .expect(400);
      expect(unknown.body.errors[0].field).toBe('organisationId');
      const both = await t.http
        .post(url)
        .set('Authorization', w.tokens.admin!)
        .send({ organisationId: '5b2a8a8e-0000-4000-8000-000000000000', joinedOn: '2024-01-01' })
        .expect(400);
      expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['organisationId', 'joinedOn']);
      const bad = await t.http.post(url).set('Authorization', w.tokens.admin!).send({ organisationId: o, joinedOn: '16/05/2025' }).expect(400);
      expect(bad.body.errors[0].field).toBe('joinedOn');
    });

    it('the host cannot leave (422); partners cannot change membership (403); another host 404', async () => {
      const url = `/api/v1/consortia/${w.c1.consortiumId}/members`;
      await t.http.patch(`${url}/${w.c1.hostOrgId}`).set('Authorization', w.tokens.host!).send({ leftOn: '2026-03-31' }).expect(422);
      await t.http.patch(`${url}/${w.c1.partnerOrgIds[0]}`).set('Authorization', w.tokens.partner!).send({ leftOn: '2026-03-31' }).expect(403);
      await t.http
        .post(`/api/v1/consortia/${w.c1.consortiumId}/invitations`)
        .set('Authorization', w.tokens.otherHost!)
        .send({ organisationId: w.c2.partnerOrgIds[0], joinedOn: '2025-06-01' })
        .expect(404);
      await t.http.patch(`${url}/5b2a8a8e-0000-4000-8000-000000000000`).set('Authorization', w.tokens.host!).send({ leftOn: '2026-03-31' }).expect(404);
    });

    it('an in-house consortium has one member', async () => {
      const c = await t.http
        .post('/api/v1/consortia')
        .set('Authorization', w.tokens.host!)
        .send({ name: 'In house', deliveryModel: 'in_house', hostOrganisationId: w.c1.hostOrgId, startDate: '2025-04-01' })
        .expect(201);
      for (const [who, route] of [
        ['admin', 'members'],
        ['host', 'invitations'],
      ] as const) {
        const res = await t.http
          .post(`/api/v1/consortia/${c.body.id}/${route}`)
          .set('Authorization', w.tokens[who]!)
          .send({ organisationId: w.c1.partnerOrgIds[0], joinedOn: '2025-04-01' })
          .expect(422);
        expect(res.body.code).toBe('in_house_single_member');
      }
      await t.http.patch(`/api/v1/consortia/${w.c1.consortiumId}`).set('Authorization', w.tokens.host!).send({ deliveryModel: 'in_house' }).expect(422);
    });
  });

  describe('service lines', () => {
    const url = () => `/api/v1/consortia/${w.c1.consortiumId}/service-lines`;

    it('creates lines with function, classification and optional recipients; codes are unique per consortium', async () => {
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ code: 'FIN-AP', name: 'Accounts payable', function: 'finance', classification: 'transactional', recipientIds: [w.c1.partnerOrgIds[0]] })
        .expect(201);
      expect(res.body).toMatchObject({ code: 'FIN-AP', function: 'finance', classification: 'transactional', recipientIds: [w.c1.partnerOrgIds[0]] });
      const dup = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ code: 'FIN-AP', name: 'Again', function: 'finance', classification: 'transactional' })
        .expect(409);
      expect(dup.body.errors[0].field).toBe('code');
      // the same code in another consortium is fine
      await t.http
        .post(`/api/v1/consortia/${w.c2.consortiumId}/service-lines`)
        .set('Authorization', w.tokens.otherHost!)
        .send({ code: 'FIN-AP', name: 'Accounts payable', function: 'finance', classification: 'transactional' })
        .expect(201);
      const got = await t.http.get(`${url()}/${res.body.id}`).set('Authorization', w.tokens.board!).expect(200);
      expect(got.body.code).toBe('FIN-AP');
      const list = await t.http.get(url()).set('Authorization', w.tokens.partner!).expect(200);
      expect(list.body.items.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['FIN-AP', 'PAY']));
    });

    it('refuses recipients who are not members, bad codes and unknown functions, naming fields', async () => {
      const res = await t.http
        .post(url())
        .set('Authorization', w.tokens.host!)
        .send({ code: 'HR-1', name: 'HR', function: 'hr', classification: 'strategic', recipientIds: [w.c1.partnerOrgIds[0], w.c2.partnerOrgIds[0]] })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'recipientIds.1', message: 'not a member of this consortium' }]);
      const bad = await t.http.post(url()).set('Authorization', w.tokens.host!).send({ code: 'lower case', name: '', function: 'cooking', classification: 'tactical' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['classification', 'code', 'function', 'name']);
    });

    it('another tenant’s service line is a 404; partners may not add lines', async () => {
      await t.http.get(`/api/v1/consortia/${w.c2.consortiumId}/service-lines/${w.c2.serviceLineId}`).set('Authorization', w.tokens.host!).expect(404);
      await t.http.get(`/api/v1/consortia/${w.c1.consortiumId}/service-lines/${w.c2.serviceLineId}`).set('Authorization', w.tokens.host!).expect(404);
      await t.http.post(url()).set('Authorization', w.tokens.partner!).send({ code: 'X', name: 'x', function: 'hr', classification: 'strategic' }).expect(403);
    });
  });
});
