/**
 * The catalog queries of introspection: five SELECTs over pg_catalog, whatever the number of
 * tables (each takes the array of table oids), so 200 tables cost as much round trips as 2.
 * Names come back as text (`::text`) so node-postgres parses the arrays.
 */

export const TABLES_SQL = `
SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY n.nspname, c.relname`;

export const COLUMNS_SQL = `
SELECT a.attrelid::int8 AS table_oid, a.attname::text AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS pg_type, a.atttypmod AS typmod,
  a.attnotnull AS not_null, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_sql,
  a.attidentity::text AS identity, a.attgenerated::text AS generated,
  t.typname::text AS typname, t.typtype::text AS typtype,
  et.typname::text AS elem_typname, et.typtype::text AS elem_typtype
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

export const CONSTRAINTS_SQL = `
SELECT con.conrelid::int8 AS table_oid, con.conname::text AS name, con.contype::text AS type,
  ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
        ORDER BY k.ord) AS columns,
  rn.nspname::text AS ref_schema, rc.relname::text AS ref_table,
  ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
        ORDER BY k.ord) AS ref_columns,
  con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update,
  pg_catalog.pg_get_constraintdef(con.oid, true) AS definition
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'f', 'c', 'x')
ORDER BY con.conrelid, con.conname`;

export const INDEXES_SQL = `
SELECT i.indrelid::int8 AS table_oid, ic.relname::text AS name, i.indisunique AS unique,
  am.amname::text AS method, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
  ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true)
        FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) AS columns
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY($1::oid[]) AND NOT i.indisprimary
ORDER BY i.indrelid, ic.relname`;

export const ENUMS_SQL = `
SELECT n.nspname::text AS schema, t.typname::text AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid
        ORDER BY e.enumsortorder) AS values
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY($1::text[])
ORDER BY n.nspname, t.typname`;

/** The user's schemas (not pg_catalog, information_schema, pg_toast…). */
export const SCHEMAS_SQL = `
SELECT n.nspname::text AS name FROM pg_catalog.pg_namespace n
WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
ORDER BY n.nspname`;
