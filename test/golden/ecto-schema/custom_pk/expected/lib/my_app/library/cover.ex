defmodule MyApp.Library.Cover do
  use Ecto.Schema
  import Ecto.Changeset

  schema "covers" do
    field :url, :string

    belongs_to :book, MyApp.Library.Book, references: :isbn

    timestamps()
  end

  @doc false
  def changeset(cover, attrs) do
    cover
    |> cast(attrs, [:url, :book_id])
    |> validate_required([:url, :book_id])
    |> unique_constraint(:book_id)
    |> foreign_key_constraint(:book_id)
  end
end
