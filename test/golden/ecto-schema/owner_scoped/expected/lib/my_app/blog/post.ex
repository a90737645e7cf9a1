defmodule MyApp.Blog.Post do
  use Ecto.Schema
  import Ecto.Changeset

  schema "posts" do
    field :title, :string
    field :body, :string
    field :user_id, :id

    has_many :comments, MyApp.Blog.Comment

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(post, attrs, user_scope) do
    post
    |> cast(attrs, [:title, :body])
    |> validate_required([:title, :body])
    |> foreign_key_constraint(:user_id)
    |> put_change(:user_id, user_scope.user.id)
  end
end
