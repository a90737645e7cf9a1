defmodule Shop.Catalog.Product do
  use Ecto.Schema
  import Ecto.Changeset

  @primary_key {:id, :binary_id, autogenerate: true}
  @foreign_key_type :binary_id
  schema "products" do
    field :title, :string
    field :price, :decimal

    belongs_to :category, Shop.Catalog.Category
    has_many :reviews, Shop.Catalog.Review

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(product, attrs) do
    product
    |> cast(attrs, [:title, :price, :category_id])
    |> validate_required([:title, :price, :category_id])
    |> foreign_key_constraint(:category_id)
  end
end
