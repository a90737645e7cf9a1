defmodule MyApp.Repo.Migrations.CreateCollectionItems do
  use Ecto.Migration

  def change do
    create table(:collection_items, primary_key: false) do
      add :product_id, references(:products, on_delete: :delete_all, type: :binary_id),
        null: false

      add :collection_id, references(:collections, on_delete: :delete_all), null: false
    end

    create unique_index(:collection_items, [:product_id, :collection_id])
    create index(:collection_items, [:collection_id])
  end
end
