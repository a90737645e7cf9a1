defmodule MyApp.Repo.Migrations.CreateProjects do
  use Ecto.Migration

  def change do
    create table(:projects, prefix: :tenant) do
      add :name, :string, null: false
      add :owner_id, references(:users, on_delete: :nothing, prefix: nil), null: false
      add :plan_id, references(:plans, on_delete: :nothing, prefix: :billing), null: false
      add :organization_id, references(:organizations, on_delete: :nothing), null: false
      timestamps()
    end

    create index(:projects, [:owner_id], prefix: :tenant)
    create index(:projects, [:plan_id], prefix: :tenant)
    create index(:projects, [:organization_id], prefix: :tenant)
    create unique_index(:projects, [:name], prefix: :tenant)
  end
end
