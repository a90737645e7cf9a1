defmodule MyApp.Settings.Preference do
  use Ecto.Schema
  import Ecto.Changeset

  schema "preferences" do
    field :theme, :string, default: "say \"hi\" \#{name} \\o/"
    field :notes, :string, default: ""
    field :retries, :integer, default: 1_000_000
    field :ratio, :float, default: 1.0
    field :threshold, :float, default: 0.25
    field :fee, :decimal, default: Decimal.new("9.99")
    field :fee_cap, :decimal, default: Decimal.new("120.5")
    field :enabled, :boolean, default: true
    field :muted, :boolean, default: false
    field :options, :map, default: %{}

    field :layout, :map,
      default: %{
        "columns" => 2,
        "widgets" => ["clock", "weather"],
        "dark" => true,
        "nested" => %{"x" => nil}
      }

    field :limits, {:map, :integer}, default: %{"daily" => 10, "weekly" => 50}
    field :token, Ecto.UUID, default: "7488a646-e31f-11e4-aace-600308960662"
    field :starts_on, :date, default: ~D[2024-01-31]
    field :wake_at, :time, default: ~T[07:30:00]
    field :precise_at, :time_usec, default: ~T[07:30:00.500000]
    field :since, :naive_datetime, default: ~N[2024-01-31 12:00:00]
    field :since_usec, :naive_datetime_usec, default: ~N[2024-01-31 12:00:00.000000]
    field :cutoff, :utc_datetime, default: ~U[2024-01-31 12:00:00Z]
    field :cutoff_usec, :utc_datetime_usec, default: ~U[2024-01-31 12:00:00.123456Z]
    field :level, Ecto.Enum, values: [:low, :high], default: :low
    field :tags, {:array, :string}, default: []
    field :steps, {:array, :integer}, default: [1, 2, 3]
    field :holidays, {:array, :date}, default: [~D[2024-12-25], ~D[2025-01-01]]
    field :rates, {:array, :decimal}, default: [Decimal.new("0.5"), Decimal.new("1")]
    field :modes, {:array, Ecto.Enum}, values: [:push, :email, :sms], default: [:push, :email]

    field :greetings, {:array, :string},
      default: ["good morning to you all", "good afternoon to you all", "good evening"]

    timestamps()
  end

  @doc false
  def changeset(preference, attrs) do
    preference
    |> cast(attrs, [
      :theme,
      :notes,
      :retries,
      :ratio,
      :threshold,
      :fee,
      :fee_cap,
      :enabled,
      :muted,
      :options,
      :layout,
      :limits,
      :token,
      :starts_on,
      :wake_at,
      :precise_at,
      :since,
      :since_usec,
      :cutoff,
      :cutoff_usec,
      :level,
      :tags,
      :steps,
      :holidays,
      :rates,
      :modes,
      :greetings
    ])
    |> validate_required([
      :theme,
      :notes,
      :retries,
      :ratio,
      :threshold,
      :fee,
      :fee_cap,
      :enabled,
      :muted,
      :token,
      :starts_on,
      :wake_at,
      :precise_at,
      :since,
      :since_usec,
      :cutoff,
      :cutoff_usec,
      :level,
      :tags,
      :steps,
      :holidays,
      :rates,
      :modes,
      :greetings
    ])
  end
end
