defmodule MyApp.Repo.Migrations.CreateQuarterlyRevenueBreakdowns do
  use Ecto.Migration

  def change do
    create table(:quarterly_revenue_breakdowns,
             primary_key: false,
             prefix: :analytics_warehouse_reporting
           ) do
      add :id, :binary_id, primary_key: true

      add :region_description_for_external_reporting_purposes, :text,
        default: "Europe, the Middle East and Africa (EMEA) and everything else",
        null: false

      add :reporting_dimensions_available, {:array, :string},
        default: ["region", "country", "product_line", "channel"],
        null: false

      add :total_revenue_in_reporting_currency, :decimal,
        precision: 20,
        scale: 4,
        default: 0,
        null: false

      add :configuration, :map,
        default: %{
          "currency" => "EUR",
          "rounding" => "half_even",
          "include_taxes" => false,
          "fiscal_year_start" => "04-01"
        }

      add :responsible_controller_id, references(:users, on_delete: :restrict, type: :binary_id),
        null: false

      timestamps()
    end

    create index(:quarterly_revenue_breakdowns, [:responsible_controller_id],
             prefix: :analytics_warehouse_reporting
           )

    create unique_index(
             :quarterly_revenue_breakdowns,
             [:region_description_for_external_reporting_purposes, :responsible_controller_id],
             name: :quarterly_revenue_region_controller_unique,
             prefix: :analytics_warehouse_reporting
           )
  end
end
