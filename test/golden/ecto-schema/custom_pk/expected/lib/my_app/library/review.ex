defmodule MyApp.Library.Review do
  use Ecto.Schema
  import Ecto.Changeset

  schema "reviews" do
    field :stars, :integer

    belongs_to :book, MyApp.Library.Book, references: :isbn

    belongs_to :reviewer, MyApp.Library.Author,
      foreign_key: :reviewer_uuid,
      references: :uuid,
      type: :binary_id

    timestamps()
  end

  @doc false
  def changeset(review, attrs) do
    review
    |> cast(attrs, [:stars, :book_id, :reviewer_uuid])
    |> validate_required([:stars, :book_id, :reviewer_uuid])
    |> foreign_key_constraint(:book_id)
    |> foreign_key_constraint(:reviewer_uuid)
  end
end
