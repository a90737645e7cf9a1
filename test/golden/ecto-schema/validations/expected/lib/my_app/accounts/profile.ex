defmodule MyApp.Accounts.Profile do
  use Ecto.Schema
  import Ecto.Changeset

  schema "profiles" do
    field :bio, :string

    belongs_to :member, MyApp.Accounts.Member

    timestamps()
  end

  @doc false
  def changeset(profile, attrs) do
    profile
    |> cast(attrs, [:bio, :member_id])
    |> validate_required([:member_id])
    |> unique_constraint(:member_id)
    |> foreign_key_constraint(:member_id)
  end
end
