// RFC 4180 CSV in and out, plus the PostgreSQL text forms COPY … (FORMAT csv) expects for our column types.

export type CsvValue = string | number | boolean | null | undefined | readonly (string | number)[];

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field: NULL → empty (unquoted, which COPY csv reads as NULL); text quoted when it needs to be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`non-finite number in CSV: ${value}`);
    return String(value);
  }
  const text = typeof value === 'string' ? value : pgArray(value);
  // An empty string must be quoted, or COPY reads it as NULL.
  if (text === '' || NEEDS_QUOTES.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** PostgreSQL array literal for simple elements: {a,b} ; elements with special characters are double-quoted. */
export function pgArray(items: readonly (string | number)[]): string {
  if (items.every((item) => typeof item === 'number')) return `{${items.join(',')}}`;
  const parts = items.map((item) => {
    if (typeof item === 'number') return String(item);
    if (item === '' || /[{}",\\\s]/.test(item) || item.toUpperCase() === 'NULL') {
      return `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    }
    return item;
  });
  return `{${parts.join(',')}}`;
}

export function csvText(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines: string[] = [columns.join(',')];
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`row has ${row.length} fields, header has ${columns.length}`);
    lines.push(row.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Parse RFC 4180 text into rows of strings (quoted fields may contain commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
