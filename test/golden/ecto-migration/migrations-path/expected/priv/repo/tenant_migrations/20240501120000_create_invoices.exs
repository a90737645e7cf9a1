defmodule MyApp.Repo.Migrations.CreateInvoices do
  use Ecto.Migration

  def change do
    create table(:invoices) do
      add :number, :string, null: false
      add :total, :decimal, precision: 12, scale: 2, null: false
      timestamps()
    end

    create unique_index(:invoices, [:number])
  end
end
