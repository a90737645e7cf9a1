defmodule MyApp.Blog.Comment do
  use Ecto.Schema
  import Ecto.Changeset

  schema "comments" do
    field :body, :string
    field :user_id, :id

    belongs_to :post, MyApp.Blog.Post

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(comment, attrs, user_scope) do
    comment
    |> cast(attrs, [:body])
    |> validate_required([:body, :post_id])
    |> foreign_key_constraint(:post_id)
    |> foreign_key_constraint(:user_id)
    |> put_change(:user_id, user_scope.user.id)
  end
end
