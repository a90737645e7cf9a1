defmodule MyApp.Billing.Invoice do
  use Ecto.Schema
  import Ecto.Changeset

  schema "invoices" do
    field :number, :string
    field :amount, :decimal
    field :org_id, :binary_id

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(invoice, attrs, org_scope) do
    invoice
    |> cast(attrs, [:number, :amount])
    |> validate_required([:number, :amount])
    |> unique_constraint(:number)
    |> put_change(:org_id, org_scope.organization.id)
  end
end
