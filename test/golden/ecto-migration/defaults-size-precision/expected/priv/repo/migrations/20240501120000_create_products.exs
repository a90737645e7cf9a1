defmodule MyApp.Repo.Migrations.CreateProducts do
  use Ecto.Migration

  def change do
    create table(:products) do
      add :sku, :string, size: 32, null: false
      add :name, :string, size: 100, default: "Untitled \"product\" \#{x}", null: false
      add :summary, :text, default: ""
      add :stock, :integer, default: 0, null: false
      add :big_stock, :integer, default: 12_345_678, null: false
      add :ratio, :float, default: 1.0, null: false
      add :discount, :float, default: 0.25, null: false
      add :price, :decimal, precision: 10, scale: 2, default: 9.99, null: false
      add :cost, :decimal, precision: 12, default: 0, null: false

      add :exact, :decimal,
        precision: 30,
        scale: 10,
        default: "12345678901234567890.0123456789",
        null: false

      add :tax_rate, :decimal, default: "0.20", null: false
      add :published, :boolean, default: false, null: false
      add :featured, :boolean, default: true, null: false
      add :archived, :boolean, default: false
      add :status, :string, default: "draft", null: false
      add :metadata, :map, default: %{}

      add :settings, :map,
        default: %{"color" => "red", "sizes" => [1, 2], "nested" => %{"on" => true}}

      add :labels, {:array, :string}, default: [], null: false
      add :sizes, {:array, :integer}, default: [36, 38, 40], null: false
      add :channels, {:array, :string}, default: ["web"], null: false
      add :launch_on, :date, default: "2024-01-31", null: false
      add :opens_at, :time, default: "09:00:00", null: false
      add :launched_at, :utc_datetime, default: "2024-01-31T09:00:00Z", null: false
      add :token, :uuid, default: "7488a646-e31f-11e4-aace-600308960662", null: false
      add :checksum, :binary, null: false
      timestamps()
    end

    create unique_index(:products, [:sku])
  end
end
