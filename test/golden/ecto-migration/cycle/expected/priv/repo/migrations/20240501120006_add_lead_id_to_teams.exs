defmodule MyApp.Repo.Migrations.AddLeadIdToTeams do
  use Ecto.Migration

  def change do
    alter table(:teams) do
      add :lead_id, references(:members, on_delete: :nothing), null: false
    end

    create index(:teams, [:lead_id])
  end
end
