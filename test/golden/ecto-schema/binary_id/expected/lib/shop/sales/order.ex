defmodule Shop.Sales.Order do
  use Ecto.Schema
  import Ecto.Changeset

  @primary_key {:id, :binary_id, autogenerate: true}
  @foreign_key_type :binary_id
  schema "orders" do
    field :number, :string
    field :warehouse_id, :id
    field :account_ref, :binary_id

    belongs_to :account, Shop.Accounts.Account
    belongs_to :region, Shop.Catalog.Region, type: :id
    has_many :notes, Shop.Sales.Note

    timestamps(type: :utc_datetime_usec)
  end

  @doc false
  def changeset(order, attrs) do
    order
    |> cast(attrs, [:number, :warehouse_id, :account_ref, :account_id, :region_id])
    |> validate_required([:number, :account_ref, :account_id])
    |> foreign_key_constraint(:warehouse_id)
    |> foreign_key_constraint(:account_ref)
    |> foreign_key_constraint(:account_id)
    |> foreign_key_constraint(:region_id)
  end
end
