import * as z from 'zod';
import { planEctoSchemas } from '../../../shared/generate/ecto-schema.js';
import { defineTool } from '../../../shared/mcp/index.js';
import { GeneratorInputShape, GeneratorOutputSchema } from '../../../shared/pipeline/input.js';
import { runGeneration } from '../../../shared/pipeline/run.js';

export const GenerateEctoSchemaInput = z.object({ ...GeneratorInputShape });

export const generateEctoSchema = defineTool({
  name: 'generate_ecto_schema',
  title: 'Generate Ecto schemas',
  description: `Writes one Ecto schema module per schema of the batch (embedded ones too) at lib/<otp_app>/<context>/<schema>.ex, as a senior Elixir engineer would: use Ecto.Schema and import Ecto.Changeset; @schema_prefix, @primary_key (binary_id, custom name or none) and @foreign_key_type where needed; fields in the given order with every model type (Ecto.Enum values, arrays, typed maps, Ecto.UUID, defaults, redact: true); belongs_to/has_many/has_one/many_to_many with full module names, the right foreign key type and keys, and the inverse has_many added to targets in the batch; timestamps. changeset/2 casts fields and belongs_to keys, requires the required ones, applies the length/format/number/inclusion validations and adds unique_constraint (single and composite, named like the migration's indexes) and foreign_key_constraint for every foreign key. The output compiles without warnings and is exactly what mix format writes.
Association targets outside the batch are resolved from the project's existing schemas (see list_ecto_schemas). Input: schemas (the model, e.g. from parse_gen_spec) or specs (phx.gen-style lines), optional app/project_root, dry_run to preview, on_conflict for existing files: update (default) patches an existing module to the model (fields, associations, timestamps, cast, validate_required, validations and constraints; every other line kept; what it cannot patch is listed in warnings) and adds the inverse has_many/has_one of a new belongs_to to the target's existing module; removing a field or association needs allow_destructive or the user's confirmation; error: nothing is written; skip; overwrite. Invalid models are rejected with every problem listed (schema, field, fix); nothing is written.`,
  input: GenerateEctoSchemaInput,
  output: GeneratorOutputSchema,
  annotations: {
    readOnlyHint: false,
    // on_conflict "overwrite" replaces existing files.
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  handler: (args, ctx) => runGeneration(args, ctx, { plan: planEctoSchemas }),
});
