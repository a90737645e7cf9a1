defmodule MyApp.Repo.Migrations.CreateLabels do
  use Ecto.Migration

  def change do
    create table(:labels, prefix: :tenant) do
      add :name, :string, null: false
      timestamps()
    end
  end
end
