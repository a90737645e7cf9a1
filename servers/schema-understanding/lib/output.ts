/** Output pieces the schema-understanding tools share. */
import * as z from 'zod';

export const IssueSchema = z.object({
  path: z.string().describe('Where, e.g. "schemas[0].fields[2].type".'),
  message: z.string().describe('What is wrong or worth a look, and the fix.'),
});

/** The wire model as JSON (validated by checkModel in the handlers, not by the SDK). */
export const LooseSchemasSchema = z
  .array(z.record(z.string(), z.unknown()))
  .describe(
    'The model: an array of schema objects ({"module": "Blog.Post", "fields": [...], "associations": [...]}), as returned by parse_gen_spec and taken by the generators. JSON Schema: resource phx-gen-mcp://model/schema.json.',
  );
