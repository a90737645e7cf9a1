defmodule Shop.Repo.Migrations.CreateReviews do
  use Ecto.Migration

  def change do
    create table(:reviews) do
      add :body, :text, null: false
      add :product_id, references(:products, on_delete: :nothing, type: :binary_id), null: false
      timestamps()
    end

    create index(:reviews, [:product_id])
  end
end
