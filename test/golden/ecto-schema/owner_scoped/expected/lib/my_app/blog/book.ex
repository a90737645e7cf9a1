defmodule MyApp.Blog.Book do
  use Ecto.Schema
  import Ecto.Changeset

  schema "books" do
    field :title, :string

    has_many :notes, MyApp.Blog.Note

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(book, attrs) do
    book
    |> cast(attrs, [:title])
    |> validate_required([:title])
  end
end
