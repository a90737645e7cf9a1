defmodule MyApp.Catalog.Item do
  use Ecto.Schema
  import Ecto.Changeset

  schema "items" do
    field :name, :string
    field :description, :string
    field :quantity, :integer
    field :weight, :float
    field :price, :decimal
    field :active, :boolean, default: false
    field :attributes, :map
    field :counts, {:map, :integer}
    field :external_id, Ecto.UUID
    field :checksum, :binary
    field :released_on, :date
    field :opens_at, :time
    field :measured_at, :time_usec
    field :imported_at, :naive_datetime
    field :synced_at, :naive_datetime_usec
    field :approved_at, :utc_datetime
    field :seen_at, :utc_datetime_usec
    field :legacy_id, :id
    field :remote_key, :binary_id
    field :labels, {:array, :string}
    field :sizes, {:array, :integer}
    field :channels, {:array, Ecto.Enum}, values: [:web, :store]
    field :kind, Ecto.Enum, values: [:physical, :digital]
    field :secret_code, :string, redact: true
    field :owner_id, :id

    timestamps()
  end

  @doc false
  def changeset(item, attrs) do
    item
    |> cast(attrs, [
      :name,
      :description,
      :quantity,
      :weight,
      :price,
      :active,
      :attributes,
      :counts,
      :external_id,
      :checksum,
      :released_on,
      :opens_at,
      :measured_at,
      :imported_at,
      :synced_at,
      :approved_at,
      :seen_at,
      :legacy_id,
      :remote_key,
      :labels,
      :sizes,
      :channels,
      :kind,
      :secret_code,
      :owner_id
    ])
    |> validate_required([
      :name,
      :description,
      :quantity,
      :weight,
      :price,
      :active,
      :external_id,
      :checksum,
      :released_on,
      :opens_at,
      :measured_at,
      :imported_at,
      :synced_at,
      :approved_at,
      :seen_at,
      :legacy_id,
      :remote_key,
      :labels,
      :sizes,
      :channels,
      :kind,
      :secret_code
    ])
    |> foreign_key_constraint(:owner_id)
  end
end
