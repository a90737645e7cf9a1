defmodule Shop.Catalog.Review do
  use Ecto.Schema
  import Ecto.Changeset

  schema "reviews" do
    field :body, :string

    belongs_to :product, Shop.Catalog.Product, type: :binary_id

    timestamps()
  end

  @doc false
  def changeset(review, attrs) do
    review
    |> cast(attrs, [:body, :product_id])
    |> validate_required([:body, :product_id])
    |> foreign_key_constraint(:product_id)
  end
end
