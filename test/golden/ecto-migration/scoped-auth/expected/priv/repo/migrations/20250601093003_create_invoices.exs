defmodule MyApp.Repo.Migrations.CreateInvoices do
  use Ecto.Migration

  def change do
    create table(:invoices) do
      add :number, :string, null: false
      add :amount, :decimal, null: false
      add :org_id, :binary_id
      timestamps(type: :utc_datetime)
    end

    create unique_index(:invoices, [:number])
    create index(:invoices, [:org_id])
  end
end
