defmodule MyApp.Repo.Migrations.CreateMemberships do
  use Ecto.Migration

  def change do
    create table(:memberships) do
      add :role, :string, null: false
      add :team_slug, :string, null: false
      add :joined_on, :date, null: false
      add :user_id, references(:users, on_delete: :nothing), null: false
      timestamps()
    end

    create index(:memberships, [:user_id])
    create unique_index(:memberships, [:user_id, :team_slug])
    create index(:memberships, [:team_slug, :role])
    create index(:memberships, [:joined_on], name: :memberships_joined_idx)

    create unique_index(:memberships, [:user_id, :role, :joined_on],
             name: :memberships_one_role_per_day
           )
  end
end
