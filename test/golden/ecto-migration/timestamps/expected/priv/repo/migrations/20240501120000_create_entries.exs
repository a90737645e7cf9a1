defmodule MyApp.Repo.Migrations.CreateEntries do
  use Ecto.Migration

  def change do
    create table(:entries) do
      add :message, :text, null: false
    end
  end
end
