defmodule MyApp.Links.Link do
  use Ecto.Schema
  import Ecto.Changeset

  @derive {Phoenix.Param, key: :slug}
  @primary_key {:slug, :binary_id, autogenerate: true}
  @foreign_key_type :binary_id
  schema "links" do
    field :url, :string

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(link, attrs) do
    link
    |> cast(attrs, [:url])
    |> validate_required([:url])
    |> validate_format(:url, ~r|^https?://|)
  end
end
