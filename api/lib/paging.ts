/**
 * Keyset pagination shared by list endpoints: queries fetch `limit + 1` rows ordered by id; the extra row only
 * says that another page exists, and the last id of this page becomes the cursor.
 */
export function keysetPage<R extends { id: number }>(rows: R[], limit: number): { page: R[]; lastId: number | null } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { page, lastId: more ? page[page.length - 1].id : null };
}
