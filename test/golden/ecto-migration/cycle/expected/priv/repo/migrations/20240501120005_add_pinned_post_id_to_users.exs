defmodule MyApp.Repo.Migrations.AddPinnedPostIdToUsers do
  use Ecto.Migration

  def change do
    alter table(:users) do
      add :pinned_post_id, references(:posts, on_delete: :nilify_all)
    end

    create index(:users, [:pinned_post_id])
    create index(:users, [:email, :pinned_post_id])
  end
end
