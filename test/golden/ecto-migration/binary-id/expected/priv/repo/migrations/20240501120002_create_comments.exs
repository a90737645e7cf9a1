defmodule MyApp.Repo.Migrations.CreateComments do
  use Ecto.Migration

  def change do
    create table(:comments, primary_key: false) do
      add :id, :binary_id, primary_key: true
      add :body, :text, null: false
      add :post_id, references(:posts, on_delete: :delete_all, type: :binary_id), null: false
      add :author_id, references(:users, on_delete: :nilify_all, type: :binary_id)
      timestamps()
    end

    create index(:comments, [:post_id])
    create index(:comments, [:author_id])
  end
end
