import { z } from 'zod';

/**
 * Table contracts: one zod object per table whose column schemas carry their DuckDB type and
 * whose `.describe()` texts are the column docs. `crimelake tables`, the README's catalogue and
 * the DDL of staging tables are all generated from these, never written twice.
 */
export type DuckType =
  | 'VARCHAR'
  | 'INTEGER'
  | 'BIGINT'
  | 'DOUBLE'
  | 'BOOLEAN'
  | 'DATE'
  | 'TIMESTAMPTZ';

interface ColumnMeta {
  duckType: DuckType;
  nullable: boolean;
}

const columnMeta = z.registry<ColumnMeta>();

const base = {
  VARCHAR: () => z.string(),
  INTEGER: () => z.number().int(),
  BIGINT: () => z.bigint(),
  DOUBLE: () => z.number(),
  BOOLEAN: () => z.boolean(),
  DATE: () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  TIMESTAMPTZ: () => z.date(),
} satisfies Record<DuckType, () => z.ZodType>;

type Base = { [K in DuckType]: ReturnType<(typeof base)[K]> };

function column<T extends DuckType>(duckType: T, doc: string): Base[T] {
  const schema = base[duckType]().describe(doc);
  columnMeta.add(schema, { duckType, nullable: false });
  return schema as Base[T];
}

function nullableColumn<T extends DuckType>(duckType: T, doc: string): z.ZodNullable<Base[T]> {
  const schema = base[duckType]().nullable().describe(doc);
  columnMeta.add(schema, { duckType, nullable: true });
  return schema as z.ZodNullable<Base[T]>;
}

/** Column builders: `col.varchar('doc')`, `col.timestamptz('doc').nullable` via `col.opt`. */
export const col = {
  varchar: (doc: string) => column('VARCHAR', doc),
  integer: (doc: string) => column('INTEGER', doc),
  bigint: (doc: string) => column('BIGINT', doc),
  double: (doc: string) => column('DOUBLE', doc),
  boolean: (doc: string) => column('BOOLEAN', doc),
  date: (doc: string) => column('DATE', doc),
  timestamptz: (doc: string) => column('TIMESTAMPTZ', doc),
  opt: {
    varchar: (doc: string) => nullableColumn('VARCHAR', doc),
    integer: (doc: string) => nullableColumn('INTEGER', doc),
    double: (doc: string) => nullableColumn('DOUBLE', doc),
    boolean: (doc: string) => nullableColumn('BOOLEAN', doc),
    date: (doc: string) => nullableColumn('DATE', doc),
    timestamptz: (doc: string) => nullableColumn('TIMESTAMPTZ', doc),
  },
};

/** Lineage columns every landed table carries (DESIGN.md invariant 5). */
export const lineageColumns = {
  batch_id: col.varchar('Ingest batch that wrote this row (derived from the source file content)'),
  source_file: col.varchar('Name of the source file the row came from'),
  source_line: col.opt.integer('Line of the source file the row came from (CSV), when known'),
  ingested_at: col.timestamptz('When the batch was ingested (UTC)'),
};

/** What every table contract has, whatever its columns (used by the lake's generic code). */
export interface TableDef {
  name: string;
  /** One line for `crimelake tables`. */
  description: string;
  /** The grain sentence: what one row is. */
  grain: string;
  /** Natural key: unique across the table. */
  key: readonly string[];
  /**
   * Rows in a new batch replace every existing row with the same values of these columns
   * (for a child table, the parent's key: a re-exported FIR replaces all its sections).
   */
  replaceKey: readonly string[];
  /** Hive partition columns, in path order. */
  partitionBy: readonly string[];
  /** Lake prefix of the table's files; default `tables/<name>`. */
  location?: string;
  schema: z.ZodType;
}

export interface TableContract<S extends z.ZodRawShape = z.ZodRawShape> extends TableDef {
  key: readonly (keyof S & string)[];
  replaceKey: readonly (keyof S & string)[];
  partitionBy: readonly (keyof S & string)[];
  schema: z.ZodObject<S>;
}

export function defineTable<S extends z.ZodRawShape>(contract: TableContract<S>): TableContract<S> {
  for (const k of [...contract.key, ...contract.replaceKey, ...contract.partitionBy]) {
    if (!(k in contract.schema.shape)) {
      throw new Error(`table ${contract.name}: column ${k} named in key/partition is not in the schema`);
    }
  }
  return contract;
}

export interface ColumnInfo {
  name: string;
  duckType: DuckType;
  nullable: boolean;
  doc: string;
}

function shapeOf(contract: TableDef): Record<string, z.ZodType> {
  return (contract.schema as z.ZodObject).shape;
}

export function columnsOf(contract: TableDef): ColumnInfo[] {
  return Object.entries(shapeOf(contract)).map(([name, schema]) => {
    const meta = columnMeta.get(schema as z.ZodType);
    if (!meta) throw new Error(`table ${contract.name}: column ${name} was not built with col.*`);
    return {
      name,
      duckType: meta.duckType,
      nullable: meta.nullable,
      doc: (schema as z.ZodType).description ?? '',
    };
  });
}

export type RowOf<C extends TableDef> = z.output<C['schema']>;

/** Quotes an SQL identifier (the only thing ever built into SQL text). */
export function ident(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** `create table` DDL for a contract's columns (used for staging tables and empty views). */
export function createTableSql(tableName: string, contract: TableDef, temp = true): string {
  const cols = columnsOf(contract)
    .map((c) => `${ident(c.name)} ${c.duckType}`)
    .join(', ');
  return `create ${temp ? 'temp ' : ''}table ${ident(tableName)} (${cols})`;
}
