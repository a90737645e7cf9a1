/**
 * Worked examples: what a person says → phx.gen-style spec lines → the model (parseGenSpec) → the
 * files the generators write. Served as `phx-gen-mcp://examples/{name}` and shown to LLMs (the
 * sampling system prompt, the design prompt) as the pattern to follow. Each example must be
 * exemplary: valid, and without reviewer warnings (tested).
 */
import {
  parseGenSpec,
  type ParseOptions,
  type SchemaDef,
  type TimestampType,
} from '../../../shared/model/index.js';

export interface Example {
  /** URI segment: phx-gen-mcp://examples/<name>. */
  name: string;
  title: string;
  /** What a person would say. */
  description: string;
  specs: string[];
  options: Pick<ParseOptions, 'binary_id' | 'no_timestamps'> & { timestamp_type?: TimestampType };
}

export const EXAMPLES: readonly Example[] = [
  {
    name: 'blog',
    title: 'Blog: users, posts and comments',
    description:
      'A blog where users write posts. A post has a title, a unique URL slug, a body, a published flag (off by default) and an optional publication time. Readers leave comments on posts; deleting a post deletes its comments.',
    specs: [
      'Accounts User users email:string:unique name:string',
      'Blog Post posts title:string slug:string:unique body:text published:boolean:default=false published_at:utc_datetime:optional author:belongs_to:Accounts.User',
      'Blog Comment comments body:text post:belongs_to:Blog.Post:on_delete=delete_all author:belongs_to:Accounts.User',
    ],
    options: { timestamp_type: 'utc_datetime' },
  },
  {
    name: 'shop',
    title: 'Shop: a product catalog with UUID keys',
    description:
      'A catalog of products in categories, with UUID keys. A category has a unique name. A product has a name, a unique SKU, a price in euros with cents, a stock count starting at 0, a status (draft, active or archived; draft at first) and free-form tags.',
    specs: [
      'Catalog Category categories name:string:unique',
      'Catalog Product products name:string sku:string:unique price:decimal:precision=12:scale=2 stock:integer:default=0 status:enum:draft:active:archived:default=draft tags:array:string category:belongs_to:Catalog.Category',
    ],
    options: { binary_id: true, timestamp_type: 'utc_datetime' },
  },
  {
    name: 'accounts',
    title: 'Accounts: users with a role and a one-to-one profile',
    description:
      'User accounts with a unique email, a display name, a hashed password that must never show up in logs, and a role (member or admin, member by default). Each user has at most one profile with a bio and an optional website; deleting the user deletes the profile.',
    specs: [
      'Accounts User users email:string:unique name:string password_hash:string:redact role:enum:member:admin:default=member',
      'Accounts Profile profiles bio:text website:string:optional user:belongs_to:Accounts.User:unique:on_delete=delete_all',
    ],
    options: { timestamp_type: 'utc_datetime' },
  },
];

export function exampleByName(name: string): Example | undefined {
  return EXAMPLES.find((e) => e.name === name);
}

/** The parse_gen_spec input of an example. */
export function exampleInput(ex: Example): { specs: string[] } & Example['options'] {
  return { specs: ex.specs, ...ex.options };
}

/** The model of an example: exactly what parse_gen_spec returns for its spec lines. */
export function exampleModel(ex: Example): { schemas: SchemaDef[] } {
  return { schemas: parseGenSpec(ex.specs, ex.options) };
}
