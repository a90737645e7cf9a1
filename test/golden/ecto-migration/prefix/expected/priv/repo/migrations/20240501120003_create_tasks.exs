defmodule MyApp.Repo.Migrations.CreateTasks do
  use Ecto.Migration

  def change do
    create table(:tasks, prefix: :tenant) do
      add :title, :string, null: false
      add :project_id, references(:projects, on_delete: :delete_all), null: false
      timestamps()
    end

    create index(:tasks, [:project_id], prefix: :tenant)
    create unique_index(:tasks, [:project_id, :title], prefix: :tenant)
  end
end
