defmodule MyApp.Teams.Team do
  use Ecto.Schema
  import Ecto.Changeset

  schema "teams" do
    field :name, :string

    has_many :players, MyApp.Teams.Player
    has_one :captain, MyApp.Teams.Player, foreign_key: :captained_team_id
    has_many :sponsors, MyApp.Sponsors.Sponsor

    many_to_many :leagues, MyApp.Competitions.League,
      join_through: "league_memberships",
      on_replace: :delete

    has_one :coach, MyApp.Teams.Coach

    timestamps()
  end

  @doc false
  def changeset(team, attrs) do
    team
    |> cast(attrs, [:name])
    |> validate_required([:name])
  end
end
