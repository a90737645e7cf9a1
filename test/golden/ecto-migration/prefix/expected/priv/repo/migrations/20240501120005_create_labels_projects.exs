defmodule MyApp.Repo.Migrations.CreateLabelsProjects do
  use Ecto.Migration

  def change do
    create table(:labels_projects, primary_key: false, prefix: :tenant) do
      add :project_id, references(:projects, on_delete: :delete_all), null: false
      add :label_id, references(:labels, on_delete: :delete_all), null: false
    end

    create unique_index(:labels_projects, [:project_id, :label_id], prefix: :tenant)
    create index(:labels_projects, [:label_id], prefix: :tenant)
  end
end
