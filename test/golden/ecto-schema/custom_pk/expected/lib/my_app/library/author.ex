defmodule MyApp.Library.Author do
  use Ecto.Schema
  import Ecto.Changeset

  @primary_key {:uuid, :binary_id, autogenerate: true}
  @foreign_key_type :binary_id
  schema "authors" do
    field :name, :string

    many_to_many :books, MyApp.Library.Book,
      join_through: "authors_books",
      join_keys: [author_id: :uuid, book_id: :isbn],
      on_replace: :delete

    has_many :reviews, MyApp.Library.Review, foreign_key: :reviewer_uuid

    timestamps()
  end

  @doc false
  def changeset(author, attrs) do
    author
    |> cast(attrs, [:name])
    |> validate_required([:name])
  end
end
