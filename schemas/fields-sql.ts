import type { z } from 'zod';

/**
 * The SQL twins of the zod field parsers in `fields.ts`, for bulk ingest: DuckDB reads a whole
 * CSV as text and validates every cell in one query instead of one JS call per row. A twin gives,
 * for a text cell, the SQL of its typed value and of its error message (NULL when the cell is
 * valid); both are the exact behaviour of the zod parser (`fields-sql.test.ts` runs the same cells
 * through both). A row schema whose every field has a twin can be validated in bulk; any other
 * goes row by row through zod.
 */
export interface SqlField {
  /** DuckDB type of the value. */
  type: 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMPTZ' | 'DATE';
  /** SQL of the value, given `t`, the SQL of the trimmed cell ('' for a missing one). */
  value(t: string): string;
  /**
   * SQL of the error message, NULL when valid, given `t` and `v`, a column holding the value
   * computed by `value` (so an expensive parse runs once).
   */
  error(t: string, v: string): string;
}

const twins = new WeakMap<z.ZodType, SqlField>();

/** Registers the SQL twin of a field parser; returns the parser. */
export function withSql<T extends z.ZodType>(schema: T, twin: SqlField): T {
  twins.set(schema, twin);
  return schema;
}

export function sqlFieldOf(schema: z.ZodType): SqlField | undefined {
  return twins.get(schema);
}

/** A constant as an SQL string literal (the twins only quote code constants, never input). */
export function sqlLiteral(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

// JavaScript's String.prototype.trim removes WhiteSpace and LineTerminator of ECMA-262.
const jsSpaces =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/**
 * SQL trimming a (possibly NULL) text cell exactly as JS `trim()` does. DuckDB's trim copies
 * every string, so it runs only on the rare cell whose first or last code point is a space
 * (`ord` reads the first one, `[-1]` is the last one). A NULL cell fails both tests and falls to
 * the ELSE; only the result is made non-NULL, so the tests read the cell as it is.
 */
export function sqlTrim(cell: string): string {
  const codes = [...jsSpaces].map((ch) => ch.codePointAt(0)!).join(', ');
  return `coalesce(case when ord(${cell}) in (${codes}) or ord(${cell}[-1]) in (${codes}) then trim(${cell}, ${sqlLiteral(jsSpaces)}) else ${cell} end, '')`;
}

/** The cell as quoted in an error message: `"…"`. */
const shown = (t: string) => `'"' || ${t} || '"'`;

const notUtf8 = (t: string) =>
  `case when contains(${t}, chr(65533)) then 'not valid UTF-8 (is the file in another encoding?)' end`;

/** `blank()` of fields.ts: empty, or na, n/a, null, - in any case. */
export const sqlBlank = (t: string) =>
  `(case when strlen(${t}) <= 4 then lower(${t}) in ('', 'na', 'n/a', 'null', '-') else false end)`;

/** The first non-NULL of the messages, in order (zod reports the first failing check). */
export function firstError(...errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `coalesce(${errors.join(', ')})`;
}

/** An optional variant: blank is NULL and valid; otherwise the required twin's rules. */
export function optionalOf(required: SqlField): SqlField {
  return {
    type: required.type,
    value: (t) => `case when ${sqlBlank(t)} then null else ${required.value(t)} end`,
    error: (t, v) => `case when ${sqlBlank(t)} then null else ${required.error(t, v)} end`,
  };
}

export const sqlText: SqlField = { type: 'VARCHAR', value: (t) => t, error: notUtf8 };

export const sqlRequiredText: SqlField = {
  type: 'VARCHAR',
  value: (t) => t,
  error: (t) => firstError(notUtf8(t), `case when ${t} = '' then 'required, but empty' end`),
};

export const sqlOptionalText: SqlField = {
  type: 'VARCHAR',
  value: (t) => `case when ${sqlBlank(t)} then null else ${t} end`,
  error: notUtf8,
};

/** Required text matching an RE2 pattern (whole cell). */
export function sqlRequiredMatching(pattern: string, message: string): SqlField {
  return {
    type: 'VARCHAR',
    value: (t) => t,
    error: (t, v) =>
      firstError(
        sqlRequiredText.error(t, v),
        `case when not regexp_full_match(${t}, ${sqlLiteral(pattern)}) then ${sqlLiteral(message)} end`,
      ),
  };
}

/**
 * `parseIstDateTime` of time.ts as a TIMESTAMPTZ (NULL when not a date-time): an ISO instant with
 * an offset, or a local IST date-time written day-first or year-first. The pattern picks the
 * form, rewrites it as `Y-M-D h:m:s`, and strptime checks the calendar (31/02 is NULL).
 */
export function sqlIstDateTime(t: string): string {
  const time = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?`;
  const dmy = String.raw`(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})` + time;
  const ymd = String.raw`(\d{4})-(\d{1,2})-(\d{1,2})` + time;
  const iso = String.raw`(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})`;
  const isoNoSeconds = String.raw`^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})([Z+-])`;
  // Absent time groups leave empty strings: one format per shape of the time part.
  const formats = `['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:', '%Y-%m-%d ::']`;
  const local = (pattern: string, rewrite: string) =>
    `timezone('UTC', try_strptime(regexp_replace(${t}, ${sqlLiteral(`^${pattern}$`)}, ${sqlLiteral(rewrite)}), ${formats}) - interval 330 minute)`;
  // The usual CCTNS form, DD/MM/YYYY HH:mm, told by its shape and parsed by strptime alone (which
  // checks the calendar: 31/02 is NULL, as the general branch below would make it too).
  const usual = String.raw`\d{2}/\d{2}/\d{4} \d{2}:\d{2}`;
  return `(case
    when regexp_full_match(${t}, ${sqlLiteral(usual)}) then timezone('UTC', try_strptime(${t}, '%d/%m/%Y %H:%M') - interval 330 minute)
    when regexp_full_match(${t}, ${sqlLiteral(dmy)}) then ${local(dmy, String.raw`\3-\2-\1 \4:\5:\6`)}
    when regexp_full_match(${t}, ${sqlLiteral(iso)}) then
      case when try_cast(substr(${t}, 12, 2) as integer) <= 23 and try_cast(substr(${t}, 15, 2) as integer) <= 59
        and try_cast(substr(${t}, 1, 10) as date) is not null
        then try_cast(regexp_replace(${t}, ${sqlLiteral(isoNoSeconds)}, ${sqlLiteral(String.raw`\1:00\2`)}) as timestamptz) end
    when regexp_full_match(${t}, ${sqlLiteral(ymd)}) then ${local(ymd, String.raw`\1-\2-\3 \4:\5:\6`)}
  end)`;
}

export function sqlIstDateTimeField(message: string): SqlField {
  return {
    type: 'TIMESTAMPTZ',
    value: sqlIstDateTime,
    error: (t, v) => firstError(notUtf8(t), `case when ${v} is null then ${sqlLiteral(message)} || ${shown(t)} end`),
  };
}

export function sqlIntegerIn(min: number, max: number): SqlField {
  return {
    type: 'INTEGER',
    value: (t) => `try_cast(${t} as integer)`,
    error: (t) =>
      firstError(
        notUtf8(t),
        `case when not regexp_full_match(${t}, '[+-]?\\d+') or not (try_cast(${t} as double) between ${min} and ${max})
          then ${sqlLiteral(`not a whole number from ${min} to ${max}: `)} || ${shown(t)} end`,
      ),
  };
}

export function sqlNumberIn(min: number, max: number): SqlField {
  return {
    type: 'DOUBLE',
    value: (t) => `try_cast(${t} as double)`,
    error: (t) =>
      firstError(
        notUtf8(t),
        `case when not regexp_full_match(${t}, '[+-]?(\\d+\\.?\\d*|\\.\\d+)') or not (try_cast(${t} as double) between ${min} and ${max})
          then ${sqlLiteral(`not a number from ${min} to ${max}: `)} || ${shown(t)} end`,
      ),
  };
}

/** Case-insensitive lookup of spellings → canonical value. */
export function sqlOneOf(values: Record<string, string>, allowed: string): SqlField {
  const lookup = (t: string) =>
    `case lower(${t}) ${Object.entries(values)
      .map(([k, v]) => `when ${sqlLiteral(k.toLowerCase())} then ${sqlLiteral(v)}`)
      .join(' ')} end`;
  return {
    type: 'VARCHAR',
    value: lookup,
    error: (t) =>
      firstError(
        notUtf8(t),
        `case when ${lookup(t)} is null then ${sqlLiteral(`not one of ${allowed}: `)} || ${shown(t)} end`,
      ),
  };
}

export function sqlYesNo(yes: readonly string[], no: readonly string[]): SqlField {
  const list = (xs: readonly string[]) => xs.map(sqlLiteral).join(', ');
  return {
    type: 'BOOLEAN',
    value: (t) => `case when lower(${t}) in (${list(yes)}) then true when lower(${t}) in (${list(no)}) then false end`,
    error: (t) =>
      firstError(
        notUtf8(t),
        `case when not (lower(${t}) in (${list(yes)}, ${list(no)})) then 'not Y or N: ' || ${shown(t)} end`,
      ),
  };
}
