defmodule MyApp.Blog do
  @moduledoc """
  The Blog context.
  """

  import Ecto.Query, warn: false

  alias MyApp.Blog.Comment
  alias MyApp.Blog.Post
  alias MyApp.Blog.Tag
  alias MyApp.Repo

  @doc """
  Returns every post, in no particular order.

  ## Examples

      iex> list_posts()
      [%Post{}, ...]

  """
  def list_posts do
    Repo.all(Post)
  end

  @doc """
  Fetches one post by its id.

  Raises `Ecto.NoResultsError` when no post has it.

  ## Examples

      iex> get_post!(123)
      %Post{}

      iex> get_post!(456)
      ** (Ecto.NoResultsError)

  """
  def get_post!(id), do: Repo.get!(Post, id)

  @doc """
  Inserts a post built from `attrs`.

  Returns `{:ok, post}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_post(%{field: value})
      {:ok, %Post{}}

      iex> create_post(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_post(attrs) do
    %Post{}
    |> Post.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `post` and saves it.

  Returns `{:ok, post}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_post(post, %{field: new_value})
      {:ok, %Post{}}

      iex> update_post(post, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_post(%Post{} = post, attrs) do
    post
    |> Post.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `post`.

  Returns `{:ok, post}`. While rows of `:comments` still point at it, nothing is deleted and it
  returns `{:error, changeset}` with the error on that association, instead of raising.

  ## Examples

      iex> delete_post(post)
      {:ok, %Post{}}

      iex> delete_post(post)
      {:error, %Ecto.Changeset{}}

  """
  def delete_post(%Post{} = post) do
    post
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:comments)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `post` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_post(post)
      %Ecto.Changeset{data: %Post{}}

  """
  def change_post(%Post{} = post, attrs \\ %{}) do
    Post.changeset(post, attrs)
  end

  @doc """
  Returns every comment, in no particular order.

  ## Examples

      iex> list_comments()
      [%Comment{}, ...]

  """
  def list_comments do
    Repo.all(Comment)
  end

  @doc """
  Fetches one comment by its id.

  Raises `Ecto.NoResultsError` when no comment has it.

  ## Examples

      iex> get_comment!(123)
      %Comment{}

      iex> get_comment!(456)
      ** (Ecto.NoResultsError)

  """
  def get_comment!(id), do: Repo.get!(Comment, id)

  @doc """
  Inserts a comment built from `attrs`.

  Returns `{:ok, comment}`, or `{:error, changeset}` when `attrs` are not valid.

  It belongs to `post`: `post_id` comes from `post.id`, never from `attrs`.

  `tag_ids` in `attrs` (a list of keys) sets its `:tags`; without it they stay as they are.

  ## Examples

      iex> create_comment(post, %{field: value})
      {:ok, %Comment{}}

      iex> create_comment(post, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_comment(%Post{} = post, attrs) do
    %Comment{post_id: post.id}
    |> Comment.changeset(attrs)
    |> put_comment_tags(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `comment` and saves it.

  Returns `{:ok, comment}`, or `{:error, changeset}` when `attrs` are not valid.

  `post_id` never changes: `attrs` cannot move it to another post.

  `tag_ids` in `attrs` (a list of keys) sets its `:tags`; without it they stay as they are.

  ## Examples

      iex> update_comment(comment, %{field: new_value})
      {:ok, %Comment{}}

      iex> update_comment(comment, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_comment(%Comment{} = comment, attrs) do
    comment
    |> Repo.preload([:tags])
    |> Comment.changeset(attrs)
    |> put_comment_tags(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `comment`.

  Returns `{:ok, comment}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  ## Examples

      iex> delete_comment(comment)
      {:ok, %Comment{}}

  """
  def delete_comment(%Comment{} = comment) do
    Repo.delete(comment)
  end

  @doc """
  Returns a changeset of `comment` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  For a new one, pass `%Comment{post_id: post.id}`.

  ## Examples

      iex> change_comment(comment)
      %Ecto.Changeset{data: %Comment{}}

  """
  def change_comment(%Comment{} = comment, attrs \\ %{}) do
    Comment.changeset(comment, attrs)
  end

  defp put_comment_tags(changeset, attrs) do
    case attrs[:tag_ids] || attrs["tag_ids"] do
      nil ->
        changeset

      ids ->
        Ecto.Changeset.put_assoc(changeset, :tags, Repo.all(where(Tag, [t], t.id in ^ids)))
    end
  end

  @doc """
  Returns every tag, in no particular order.

  ## Examples

      iex> list_tags()
      [%Tag{}, ...]

  """
  def list_tags do
    Repo.all(Tag)
  end

  @doc """
  Fetches one tag by its id.

  Raises `Ecto.NoResultsError` when no tag has it.

  ## Examples

      iex> get_tag!(123)
      %Tag{}

      iex> get_tag!(456)
      ** (Ecto.NoResultsError)

  """
  def get_tag!(id), do: Repo.get!(Tag, id)

  @doc """
  Inserts a tag built from `attrs`.

  Returns `{:ok, tag}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_tag(%{field: value})
      {:ok, %Tag{}}

      iex> create_tag(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_tag(attrs) do
    %Tag{}
    |> Tag.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `tag` and saves it.

  Returns `{:ok, tag}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_tag(tag, %{field: new_value})
      {:ok, %Tag{}}

      iex> update_tag(tag, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_tag(%Tag{} = tag, attrs) do
    tag
    |> Tag.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `tag`.

  Returns `{:ok, tag}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  ## Examples

      iex> delete_tag(tag)
      {:ok, %Tag{}}

  """
  def delete_tag(%Tag{} = tag) do
    Repo.delete(tag)
  end

  @doc """
  Returns a changeset of `tag` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_tag(tag)
      %Ecto.Changeset{data: %Tag{}}

  """
  def change_tag(%Tag{} = tag, attrs \\ %{}) do
    Tag.changeset(tag, attrs)
  end
end
