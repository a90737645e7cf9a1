defmodule MyApp.Repo.Migrations.CreateTraces do
  use Ecto.Migration

  def change do
    create table(:traces) do
      add :span, :string, null: false
      timestamps(type: :naive_datetime_usec)
    end
  end
end
