defmodule MyApp.Teams.Player do
  use Ecto.Schema
  import Ecto.Changeset

  schema "players" do
    field :name, :string

    belongs_to :team, MyApp.Teams.Team
    belongs_to :captained_team, MyApp.Teams.Team
    belongs_to :coach, MyApp.Teams.Coach
    belongs_to :country, MyApp.Geo.Country

    timestamps()
  end

  @doc false
  def changeset(player, attrs) do
    player
    |> cast(attrs, [:name, :team_id, :captained_team_id, :coach_id, :country_id])
    |> validate_required([:name, :team_id, :country_id])
    |> foreign_key_constraint(:team_id)
    |> foreign_key_constraint(:captained_team_id)
    |> foreign_key_constraint(:coach_id)
    |> foreign_key_constraint(:country_id)
  end
end
