defmodule MyApp.Tenants.Invoice do
  use Ecto.Schema
  import Ecto.Changeset

  @schema_prefix "tenant_a"
  schema "invoices" do
    field :total, :decimal
    field :issued_on, :date
  end

  @doc false
  def changeset(invoice, attrs) do
    invoice
    |> cast(attrs, [:total, :issued_on])
    |> validate_required([:total, :issued_on])
    |> validate_number(:total, greater_than_or_equal_to: 0)
  end
end
