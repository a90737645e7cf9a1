defmodule MyApp.Repo.Migrations.AddLocaleToSettings do
  use Ecto.Migration

  def change do
    alter table(:settings) do
      add :locale, :string
    end
  end
end
