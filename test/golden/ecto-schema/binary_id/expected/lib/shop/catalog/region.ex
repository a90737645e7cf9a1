defmodule Shop.Catalog.Region do
  use Ecto.Schema
  import Ecto.Changeset

  schema "regions" do
    field :code, :string

    has_many :orders, Shop.Sales.Order
  end

  @doc false
  def changeset(region, attrs) do
    region
    |> cast(attrs, [:code])
    |> validate_required([:code])
    |> unique_constraint(:code)
  end
end
