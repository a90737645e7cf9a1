defmodule MyApp.Repo.Migrations.CreateItems do
  use Ecto.Migration

  def change do
    create table(:items) do
      add :title, :string, null: false
      add :description, :text, null: false
      add :quantity, :integer, null: false
      add :rating, :float, null: false
      add :price, :decimal, null: false
      add :active, :boolean, default: false, null: false
      add :attributes, :map
      add :counters, :map
      add :external_ref, :uuid, null: false
      add :thumbnail, :binary, null: false
      add :released_on, :date, null: false
      add :opens_at, :time, null: false
      add :closes_at, :time_usec, null: false
      add :listed_at, :naive_datetime, null: false
      add :listed_at_usec, :naive_datetime_usec, null: false
      add :synced_at, :utc_datetime, null: false
      add :synced_at_usec, :utc_datetime_usec, null: false
      add :legacy_id, :bigint, null: false
      add :legacy_uuid, :binary_id, null: false
      add :tags, {:array, :string}, null: false
      add :notes, {:array, :text}, null: false
      add :scores, {:array, :integer}, null: false
      add :weights, {:array, :decimal}, null: false
      add :holidays, {:array, :date}, null: false
      add :related_ids, {:array, :uuid}, null: false
      add :variants, {:array, :map}, null: false
      add :channels, {:array, :string}, null: false
      add :status, :string, null: false
      add :owner_id, references(:users, on_delete: :nothing)
      add :subtitle, :string
      timestamps()
    end

    create index(:items, [:owner_id])
  end
end
