defmodule MyApp.Blog.Note do
  use Ecto.Schema
  import Ecto.Changeset

  schema "notes" do
    field :body, :string
    field :user_id, :id

    belongs_to :book, MyApp.Blog.Book

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(note, attrs, user_scope) do
    note
    |> cast(attrs, [:body])
    |> validate_required([:body, :book_id])
    |> foreign_key_constraint(:book_id)
    |> foreign_key_constraint(:user_id)
    |> put_change(:user_id, user_scope.user.id)
  end
end
