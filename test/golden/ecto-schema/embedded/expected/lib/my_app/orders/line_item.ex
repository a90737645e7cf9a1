defmodule MyApp.Orders.LineItem do
  use Ecto.Schema
  import Ecto.Changeset

  @primary_key false
  embedded_schema do
    field :sku, :string
    field :quantity, :integer, default: 1
    field :unit_price, :decimal

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(line_item, attrs) do
    line_item
    |> cast(attrs, [:sku, :quantity, :unit_price])
    |> validate_required([:sku, :quantity, :unit_price])
    |> validate_number(:quantity, greater_than: 0)
  end
end
