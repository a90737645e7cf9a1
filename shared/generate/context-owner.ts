/**
 * on_conflict "update" when a belongs_to became an owner (`owner: true` added) or stopped being
 * one: the context functions, the describe block and the fixture the tool wrote for the earlier
 * marking are still the tool's, so shared/generate/context-update.ts also compares each piece
 * with the plan of the other marking. These are those plans.
 */
import type { BelongsTo, Schema } from '../model/index.js';
import type { ChildPlan, ParentPlan, SchemaPlan } from '../view/phoenix-context/plan.js';

/**
 * `old` (the plan a piece is compared with) with its owner marked the other way. `s` is the
 * plan for the model now and `schema` its normalized schema. `fromPiece`: `old.parents` were
 * read from the piece (an owner-shaped piece does not list its owner among them); otherwise
 * every required belongs_to parent of `s` may have been the owner.
 */
export function ownerVariants(
  old: SchemaPlan,
  s: SchemaPlan,
  schema: Schema | undefined,
  fromPiece: boolean,
): SchemaPlan[] {
  if (old.owner !== null) return [{ ...old, owner: null }];
  const base = s.module.slice(0, s.module.length - s.rel.length);
  return s.parents.flatMap((p): SchemaPlan[] => {
    if (fromPiece && old.parents.some((x) => x.key === p.key)) return [];
    const a = schema?.associations.find(
      (x): x is BelongsTo => x.kind === 'belongs_to' && x.foreign_key === p.key,
    );
    if (a === undefined) return [];
    return [
      {
        ...old,
        parents: old.parents.filter((x) => x.key !== p.key),
        owner: {
          name: a.name,
          key: p.key,
          variable: p.variable,
          pk: p.pk,
          module: `${base}${a.target}`,
          sameScope: p.scopeArg === 'scope',
          parent: p as ParentPlan,
        },
      },
    ];
  });
}

/**
 * The children of `s` as a describe block's text shows them: the blocking-child test creates the
 * child with `%{post_id: post.id}` (an ordinary key) or `%{post: post}` (the child's owner).
 */
export function childrenAsWritten(s: SchemaPlan, text: string): ChildPlan[] {
  const v = s.variable;
  return s.children.map((ch) => {
    if (text.includes(`%{${ch.foreign_key}: ${v}.${s.pk.name}}`)) return { ...ch, ownerName: null };
    const name = ch.foreign_key.endsWith('_id') ? ch.foreign_key.slice(0, -3) : null;
    if (ch.ownerName === null && name !== null && text.includes(`%{${name}: ${v}}`)) {
      return { ...ch, ownerName: name };
    }
    return ch;
  });
}
