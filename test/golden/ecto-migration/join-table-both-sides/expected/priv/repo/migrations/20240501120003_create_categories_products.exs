defmodule MyApp.Repo.Migrations.CreateCategoriesProducts do
  use Ecto.Migration

  def change do
    create table(:categories_products, primary_key: false) do
      add :product_id, references(:products, on_delete: :delete_all, type: :binary_id),
        null: false

      add :category_id, references(:categories, on_delete: :delete_all), null: false
    end

    create unique_index(:categories_products, [:product_id, :category_id])
    create index(:categories_products, [:category_id])
  end
end
