/**
 * The order in which a batch's tables are created: a table after every table it references,
 * input order wherever the references allow it, and reference cycles closed by deferring some
 * foreign keys to a later `alter table` (shared/generate/ecto-migration.ts writes those).
 */
import type { Schema } from '../model/index.js';
import type { ForeignKeySpec, MigrationSpec } from '../view/ecto-migration/migration.exs.js';

/** A foreign key of a schema table, with the batch table it needs (if any). */
export interface SchemaFk {
  fk: ForeignKeySpec;
  /** The batch table that must exist first; null for self-references and outside targets. */
  dep: string | null;
}

export interface TableNode {
  table: string;
  /** Lower runs first when the references allow it. */
  priority: number;
  schema: Schema | null;
  /** For schema tables: every FK column by name. */
  fks: Map<string, SchemaFk>;
  /** For join tables: its spec (built up front) and the tables it joins. */
  join: MigrationSpec | null;
  joinDeps: string[];
}

/**
 * Stable topological order with cycle breaking; returns the order and the deferred FKs
 * ("<table>.<column>", added by a later `alter table`).
 *
 * Cycles are broken first: while the reference graph has a strongly connected component of
 * several tables, one of its tables gets its foreign keys into that component deferred,
 * preferring a table whose such keys are all optional (a nullable column is the natural one to
 * add later; rows of a NOT NULL cycle could not be inserted anyway), then input order. Then
 * tables are emitted in input order as soon as everything they reference exists.
 */
export function orderTables(nodes: TableNode[]): { order: TableNode[]; deferred: Set<string> } {
  const byTable = new Map(nodes.map((n) => [n.table, n]));
  const deferred = new Set<string>();
  const activeFks = (n: TableNode) =>
    [...n.fks.entries()].filter(
      ([col, f]) => f.dep !== null && byTable.has(f.dep) && !deferred.has(`${n.table}.${col}`),
    );
  const deps = (n: TableNode): string[] =>
    n.join
      ? n.joinDeps.filter((d) => byTable.has(d))
      : activeFks(n).map(([, f]) => f.dep as string);

  const sorted = [...nodes].sort((a, b) => a.priority - b.priority);
  for (;;) {
    const comp = stronglyConnected(sorted, deps);
    const sizes = new Map<number, number>();
    for (const c of comp.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    const first = sorted.find((n) => (sizes.get(comp.get(n.table) as number) ?? 0) > 1);
    if (!first) break;
    const members = sorted.filter((n) => comp.get(n.table) === comp.get(first.table));
    const inside = (n: TableNode) =>
      activeFks(n).filter(([, f]) => comp.get(f.dep as string) === comp.get(n.table));
    const pick = members.find((n) => inside(n).every(([, f]) => !f.fk.required)) ?? first;
    for (const [col] of inside(pick)) deferred.add(`${pick.table}.${col}`);
  }

  const done = new Set<string>();
  const order: TableNode[] = [];
  let remaining = sorted;
  while (remaining.length > 0) {
    const ready = remaining.find((n) => deps(n).every((d) => done.has(d)));
    if (!ready) throw new Error('ecto-migration: a reference cycle was left unbroken');
    order.push(ready);
    done.add(ready.table);
    remaining = remaining.filter((n) => n !== ready);
  }
  return { order, deferred };
}

/** Tarjan's SCC over the remaining nodes: table → component id. */
function stronglyConnected(
  nodes: TableNode[],
  deps: (n: TableNode) => string[],
): Map<string, number> {
  const byTable = new Map(nodes.map((n) => [n.table, n]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let counter = 0;
  let compId = 0;
  const visit = (t: string): void => {
    index.set(t, counter);
    low.set(t, counter);
    counter++;
    stack.push(t);
    onStack.add(t);
    for (const d of deps(byTable.get(t) as TableNode)) {
      if (!byTable.has(d)) continue;
      if (!index.has(d)) {
        visit(d);
        low.set(t, Math.min(low.get(t) as number, low.get(d) as number));
      } else if (onStack.has(d)) {
        low.set(t, Math.min(low.get(t) as number, index.get(d) as number));
      }
    }
    if (low.get(t) === index.get(t)) {
      for (;;) {
        const x = stack.pop() as string;
        onStack.delete(x);
        comp.set(x, compId);
        if (x === t) break;
      }
      compId++;
    }
  };
  for (const n of nodes) if (!index.has(n.table)) visit(n.table);
  return comp;
}
