defmodule Shop.Sales.Note do
  use Ecto.Schema
  import Ecto.Changeset

  schema "notes" do
    field :text, :string

    belongs_to :order, Shop.Sales.Order, type: :binary_id

    timestamps()
  end

  @doc false
  def changeset(note, attrs) do
    note
    |> cast(attrs, [:text, :order_id])
    |> validate_required([:text, :order_id])
    |> foreign_key_constraint(:order_id)
  end
end
