/**
 * The SET list of a partial UPDATE: one `column = $n` per field given (undefined = unchanged), then
 * `updated_at = now()`. `columns` maps each changeable field to its column (the only names that ever
 * reach the SQL text); parameters are numbered from `firstParam`.
 */
export function updateSet<K extends string>(columns: Record<K, string>, changes: Partial<Record<K, unknown>>, firstParam: number): { set: string; params: unknown[] } {
  const fields = (Object.keys(columns) as K[]).filter((f) => changes[f] !== undefined);
  const sets = fields.map((f, i) => `${columns[f]} = $${firstParam + i}`);
  return { set: [...sets, 'updated_at = now()'].join(', '), params: fields.map((f) => changes[f]) };
}
