defmodule MyApp.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts, primary_key: false) do
      add :id, :binary_id, primary_key: true
      add :title, :string, null: false
      add :body, :text, null: false
      add :author_id, references(:users, on_delete: :nothing, type: :binary_id), null: false
      timestamps()
    end

    create index(:posts, [:author_id])
  end
end
