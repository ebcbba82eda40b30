/** What the host's set-up pages share (issue 15). */
import { ForbiddenError, type DomainError } from '../common/errors/domain-error';
import type { Principal } from '../auth/principal';
import type { ConsortiumContext, WebConsortia } from './web-consortia';
import type { HostSectionKey } from './view/sections';

/**
 * The partnership for a host's page or form: another tenant's → 404 (as the API), a member who does
 * not run it → 403 (the API's 403 for the same action: "Only the host organisation manages this consortium").
 */
export async function hostContext(web: WebConsortia, p: Principal, id: string, key: HostSectionKey): Promise<ConsortiumContext> {
  const ctx = await web.context(p, id, key);
  if (!ctx.runsConsortium) throw new ForbiddenError('Only the host organisation manages this consortium');
  return ctx;
}

/** A refusal the page shows beside its form (a field's mistake, a closed month, an archived partnership); anything else goes to the error filter. */
export function isFormRefusal(e: unknown): e is DomainError {
  const s = (e as DomainError | null)?.status;
  return typeof s === 'number' && (s === 400 || s === 409 || s === 422) && 'errors' in (e as object);
}
