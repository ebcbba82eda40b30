/** Previous and next pages of a long list (the NHS pagination pattern), keeping the list's filters in the links. Pure. */

export interface Pager {
  previous: { href: string; text: string } | null;
  next: { href: string; text: string } | null;
  /** "Showing 21 to 40 of 57" (empty when there is nothing to show). */
  showing: string;
}

/** The page number of `offset` (1-based) and how many pages `total` makes. */
function pageOf(offset: number, limit: number, total: number): { page: number; pages: number } {
  return { page: Math.floor(offset / limit) + 1, pages: Math.max(1, Math.ceil(total / limit)) };
}

/**
 * @param path the list's path
 * @param filters the list's other query parameters (empty values are left out)
 */
export function pager(path: string, filters: Record<string, string | undefined>, o: { offset: number; limit: number; total: number }): Pager {
  const { page, pages } = pageOf(o.offset, o.limit, o.total);
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, v);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const first = Math.min(o.offset + 1, o.total);
  const last = Math.min(o.offset + o.limit, o.total);
  return {
    previous: page > 1 ? { href: href(Math.min(page - 1, pages)), text: `Page ${Math.min(page - 1, pages)} of ${pages}` } : null,
    next: page < pages ? { href: href(page + 1), text: `Page ${page + 1} of ${pages}` } : null,
    showing: o.total === 0 || first > last ? '' : `Showing ${first} to ${last} of ${o.total}`,
  };
}

/** The page asked for (`?page=`): a whole number from 1, else 1. */
export function readPage(v: unknown): number {
  return typeof v === 'string' && /^[1-9]\d{0,5}$/.test(v) ? Number(v) : 1;
}
