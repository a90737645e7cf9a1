defmodule MyApp.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts, primary_key: false) do
      add :post_id, :bigserial, primary_key: true
      add :title, :string, null: false
      timestamps()
    end
  end
end
