defmodule MyApp.Orders.Address do
  use Ecto.Schema
  import Ecto.Changeset

  embedded_schema do
    field :street, :string
    field :city, :string
    field :zip, :string
    field :country, Ecto.Enum, values: [:de, :fr, :us], default: :us
  end

  @doc false
  def changeset(address, attrs) do
    address
    |> cast(attrs, [:street, :city, :zip, :country])
    |> validate_required([:street, :city, :zip, :country])
    |> validate_length(:zip, max: 10)
  end
end
