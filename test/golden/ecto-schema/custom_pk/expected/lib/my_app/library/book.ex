defmodule MyApp.Library.Book do
  use Ecto.Schema
  import Ecto.Changeset

  @primary_key {:isbn, :id, autogenerate: true}
  schema "books" do
    field :title, :string

    many_to_many :authors, MyApp.Library.Author,
      join_through: "authors_books",
      join_keys: [book_id: :isbn, author_id: :uuid],
      on_replace: :delete

    has_one :cover, MyApp.Library.Cover, foreign_key: :book_id
    has_many :reviews, MyApp.Library.Review, foreign_key: :book_id

    timestamps()
  end

  @doc false
  def changeset(book, attrs) do
    book
    |> cast(attrs, [:title])
    |> validate_required([:title])
  end
end
