defmodule MyApp.Repo.Migrations.CreatePlans do
  use Ecto.Migration

  def change do
    create table(:plans, prefix: :billing) do
      add :name, :string, null: false
      timestamps()
    end
  end
end
