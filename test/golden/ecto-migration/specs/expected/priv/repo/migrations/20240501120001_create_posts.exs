defmodule MyApp.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts) do
      add :title, :string, null: false
      add :body, :text, null: false
      add :views, :integer, default: 0, null: false
      add :published_at, :utc_datetime
      add :status, :string, default: "draft", null: false
      add :author_id, references(:users, on_delete: :nothing), null: false
      timestamps(type: :utc_datetime)
    end

    create index(:posts, [:author_id])
    create unique_index(:posts, [:title])
  end
end
