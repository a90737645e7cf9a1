defmodule MyApp.Repo.Migrations.CreateAudits do
  use Ecto.Migration

  def change do
    create table(:audits) do
      add :action, :string, null: false
      timestamps(type: :utc_datetime_usec)
    end
  end
end
