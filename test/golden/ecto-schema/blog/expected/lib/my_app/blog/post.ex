defmodule MyApp.Blog.Post do
  use Ecto.Schema
  import Ecto.Changeset

  schema "posts" do
    field :title, :string
    field :body, :string
    field :slug, :string
    field :status, Ecto.Enum, values: [:draft, :published, :archived], default: :draft
    field :published_at, :utc_datetime
    field :views, :integer, default: 0

    belongs_to :author, MyApp.Accounts.User
    many_to_many :tags, MyApp.Blog.Tag, join_through: "posts_tags", on_replace: :delete
    has_many :comments, MyApp.Blog.Comment

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(post, attrs) do
    post
    |> cast(attrs, [:title, :body, :slug, :status, :published_at, :views, :author_id])
    |> validate_required([:title, :body, :slug, :status, :views, :author_id])
    |> unique_constraint(:slug)
    |> foreign_key_constraint(:author_id)
  end
end
