defmodule MyApp.Audit.Event do
  use Ecto.Schema
  import Ecto.Changeset

  @schema_prefix "audit"
  @primary_key false
  schema "events" do
    field :action, :string
    field :payload, :map, default: %{}
    field :occurred_at, :utc_datetime_usec
    field :invoice_id, :id

    belongs_to :actor, MyApp.Accounts.User
  end

  @doc false
  def changeset(event, attrs) do
    event
    |> cast(attrs, [:action, :payload, :occurred_at, :invoice_id, :actor_id])
    |> validate_required([:action, :occurred_at])
    |> foreign_key_constraint(:invoice_id)
    |> foreign_key_constraint(:actor_id)
  end
end
