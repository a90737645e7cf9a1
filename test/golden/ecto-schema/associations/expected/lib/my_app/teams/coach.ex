defmodule MyApp.Teams.Coach do
  use Ecto.Schema
  import Ecto.Changeset

  schema "coaches" do
    field :name, :string

    belongs_to :team, MyApp.Teams.Team
    has_many :trainees, MyApp.Teams.Player

    timestamps()
  end

  @doc false
  def changeset(coach, attrs) do
    coach
    |> cast(attrs, [:name, :team_id])
    |> validate_required([:name, :team_id])
    |> unique_constraint(:team_id)
    |> foreign_key_constraint(:team_id)
  end
end
