defmodule Shop.Repo.Migrations.CreateProducts do
  use Ecto.Migration

  def change do
    create table(:products, primary_key: false) do
      add :id, :binary_id, primary_key: true
      add :title, :string, null: false
      add :price, :decimal, null: false

      add :category_id, references(:categories, on_delete: :nothing, type: :binary_id),
        null: false

      timestamps(type: :utc_datetime)
    end

    create index(:products, [:category_id])
  end
end
