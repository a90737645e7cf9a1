defmodule MyApp.Blog.Comment do
  use Ecto.Schema
  import Ecto.Changeset

  schema "comments" do
    field :body, :string

    belongs_to :post, MyApp.Blog.Post
    belongs_to :author, MyApp.Accounts.User

    timestamps()
  end

  @doc false
  def changeset(comment, attrs) do
    comment
    |> cast(attrs, [:body, :author_id])
    |> validate_required([:body, :post_id])
    |> foreign_key_constraint(:post_id)
    |> foreign_key_constraint(:author_id)
  end
end
