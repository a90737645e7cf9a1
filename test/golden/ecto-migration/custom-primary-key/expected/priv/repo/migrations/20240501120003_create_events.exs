defmodule MyApp.Repo.Migrations.CreateEvents do
  use Ecto.Migration

  def change do
    create table(:events, primary_key: false) do
      add :name, :string, null: false
      add :occurred_at, :utc_datetime_usec, null: false
    end
  end
end
