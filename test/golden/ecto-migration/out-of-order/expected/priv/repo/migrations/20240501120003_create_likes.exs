defmodule MyApp.Repo.Migrations.CreateLikes do
  use Ecto.Migration

  def change do
    create table(:likes) do
      add :comment_id, references(:comments, on_delete: :delete_all), null: false
      timestamps()
    end

    create index(:likes, [:comment_id])
  end
end
