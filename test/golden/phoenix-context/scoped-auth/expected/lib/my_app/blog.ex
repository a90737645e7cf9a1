defmodule MyApp.Blog do
  @moduledoc """
  The Blog context.
  """

  import Ecto.Query, warn: false

  alias MyApp.Accounts.Scope
  alias MyApp.Blog.Comment
  alias MyApp.Blog.Post
  alias MyApp.Blog.Tag
  alias MyApp.Repo

  @doc """
  Subscribes the calling process to the changes of the scope's posts.

  After each successful write through this context, the subscriber receives one message:

    * `{:created, %Post{}}`
    * `{:updated, %Post{}}`
    * `{:deleted, %Post{}}`

  Writes in other scopes are not sent.

  """
  def subscribe_posts(%Scope{} = scope) do
    key = scope.user.id

    Phoenix.PubSub.subscribe(MyApp.PubSub, "user:#{key}:posts")
  end

  defp broadcast_post(%Scope{} = scope, message) do
    key = scope.user.id

    Phoenix.PubSub.broadcast(MyApp.PubSub, "user:#{key}:posts", message)
  end

  @doc """
  Returns the scope's posts (`user_id` equal to `scope.user.id`),
  in no particular order.

  ## Examples

      iex> list_posts(scope)
      [%Post{}, ...]

  """
  def list_posts(%Scope{} = scope) do
    Repo.all_by(Post, user_id: scope.user.id)
  end

  @doc """
  Fetches one post by its id, among the scope's posts.

  Raises `Ecto.NoResultsError` when no post has it, also when it belongs to another scope.

  ## Examples

      iex> get_post!(scope, 123)
      %Post{}

      iex> get_post!(scope, 456)
      ** (Ecto.NoResultsError)

  """
  def get_post!(%Scope{} = scope, id), do: Repo.get_by!(Post, id: id, user_id: scope.user.id)

  @doc """
  Inserts a post built from `attrs`.

  Returns `{:ok, post}`, or `{:error, changeset}` when `attrs` are not valid.

  The scope owns it: `user_id` comes from `scope.user.id`, never from `attrs`.
  The scope's subscribers receive `{:created, post}`.

  ## Examples

      iex> create_post(scope, %{field: value})
      {:ok, %Post{}}

      iex> create_post(scope, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_post(%Scope{} = scope, attrs) do
    with {:ok, %Post{} = post} <-
           %Post{}
           |> Post.changeset(attrs, scope)
           |> Repo.insert() do
      broadcast_post(scope, {:created, post})
      {:ok, post}
    end
  end

  @doc """
  Applies `attrs` to `post` and saves it.

  Returns `{:ok, post}`, or `{:error, changeset}` when `attrs` are not valid.

  Raises `MatchError` when `post` belongs to another scope; `user_id` never changes.
  The scope's subscribers receive `{:updated, post}`.

  ## Examples

      iex> update_post(scope, post, %{field: new_value})
      {:ok, %Post{}}

      iex> update_post(scope, post, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_post(%Scope{} = scope, %Post{} = post, attrs) do
    true = post.user_id == scope.user.id

    with {:ok, %Post{} = post} <-
           post
           |> Post.changeset(attrs, scope)
           |> Repo.update() do
      broadcast_post(scope, {:updated, post})
      {:ok, post}
    end
  end

  @doc """
  Deletes `post`.

  Returns `{:ok, post}`. While rows of `:comments` still point at it, nothing is deleted and it
  returns `{:error, changeset}` with the error on that association, instead of raising.

  Raises `MatchError` when `post` belongs to another scope.
  The scope's subscribers receive `{:deleted, post}`.

  ## Examples

      iex> delete_post(scope, post)
      {:ok, %Post{}}

      iex> delete_post(scope, post)
      {:error, %Ecto.Changeset{}}

  """
  def delete_post(%Scope{} = scope, %Post{} = post) do
    true = post.user_id == scope.user.id

    with {:ok, %Post{} = post} <-
           post
           |> Ecto.Changeset.change()
           |> Ecto.Changeset.no_assoc_constraint(:comments)
           |> Repo.delete() do
      broadcast_post(scope, {:deleted, post})
      {:ok, post}
    end
  end

  @doc """
  Returns a changeset of `post` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  Raises `MatchError` when `post` belongs to another scope. For a new one, pass
  `%Post{user_id: scope.user.id}`.

  ## Examples

      iex> change_post(scope, post)
      %Ecto.Changeset{data: %Post{}}

  """
  def change_post(%Scope{} = scope, %Post{} = post, attrs \\ %{}) do
    true = post.user_id == scope.user.id

    Post.changeset(post, attrs, scope)
  end

  @doc """
  Subscribes the calling process to the changes of the scope's comments.

  After each successful write through this context, the subscriber receives one message:

    * `{:created, %Comment{}}`
    * `{:updated, %Comment{}}`
    * `{:deleted, %Comment{}}`

  Writes in other scopes are not sent.

  """
  def subscribe_comments(%Scope{} = scope) do
    key = scope.user.id

    Phoenix.PubSub.subscribe(MyApp.PubSub, "user:#{key}:comments")
  end

  defp broadcast_comment(%Scope{} = scope, message) do
    key = scope.user.id

    Phoenix.PubSub.broadcast(MyApp.PubSub, "user:#{key}:comments", message)
  end

  @doc """
  Returns the scope's comments (`user_id` equal to `scope.user.id`),
  in no particular order.

  ## Examples

      iex> list_comments(scope)
      [%Comment{}, ...]

  """
  def list_comments(%Scope{} = scope) do
    Repo.all_by(Comment, user_id: scope.user.id)
  end

  @doc """
  Fetches one comment by its id, among the scope's comments.

  Raises `Ecto.NoResultsError` when no comment has it, also when it belongs to another scope.

  ## Examples

      iex> get_comment!(scope, 123)
      %Comment{}

      iex> get_comment!(scope, 456)
      ** (Ecto.NoResultsError)

  """
  def get_comment!(%Scope{} = scope, id) do
    Repo.get_by!(Comment, id: id, user_id: scope.user.id)
  end

  @doc """
  Inserts a comment built from `attrs`.

  Returns `{:ok, comment}`, or `{:error, changeset}` when `attrs` are not valid.

  The scope owns it: `user_id` comes from `scope.user.id`, never from `attrs`.
  The scope's subscribers receive `{:created, comment}`.

  ## Examples

      iex> create_comment(scope, %{field: value})
      {:ok, %Comment{}}

      iex> create_comment(scope, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_comment(%Scope{} = scope, attrs) do
    with {:ok, %Comment{} = comment} <-
           %Comment{}
           |> Comment.changeset(attrs, scope)
           |> Repo.insert() do
      broadcast_comment(scope, {:created, comment})
      {:ok, comment}
    end
  end

  @doc """
  Applies `attrs` to `comment` and saves it.

  Returns `{:ok, comment}`, or `{:error, changeset}` when `attrs` are not valid.

  Raises `MatchError` when `comment` belongs to another scope; `user_id` never changes.
  The scope's subscribers receive `{:updated, comment}`.

  ## Examples

      iex> update_comment(scope, comment, %{field: new_value})
      {:ok, %Comment{}}

      iex> update_comment(scope, comment, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_comment(%Scope{} = scope, %Comment{} = comment, attrs) do
    true = comment.user_id == scope.user.id

    with {:ok, %Comment{} = comment} <-
           comment
           |> Comment.changeset(attrs, scope)
           |> Repo.update() do
      broadcast_comment(scope, {:updated, comment})
      {:ok, comment}
    end
  end

  @doc """
  Deletes `comment`.

  Returns `{:ok, comment}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  Raises `MatchError` when `comment` belongs to another scope.
  The scope's subscribers receive `{:deleted, comment}`.

  ## Examples

      iex> delete_comment(scope, comment)
      {:ok, %Comment{}}

  """
  def delete_comment(%Scope{} = scope, %Comment{} = comment) do
    true = comment.user_id == scope.user.id

    with {:ok, %Comment{} = comment} <- Repo.delete(comment) do
      broadcast_comment(scope, {:deleted, comment})
      {:ok, comment}
    end
  end

  @doc """
  Returns a changeset of `comment` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  Raises `MatchError` when `comment` belongs to another scope. For a new one, pass
  `%Comment{user_id: scope.user.id}`.

  ## Examples

      iex> change_comment(scope, comment)
      %Ecto.Changeset{data: %Comment{}}

  """
  def change_comment(%Scope{} = scope, %Comment{} = comment, attrs \\ %{}) do
    true = comment.user_id == scope.user.id

    Comment.changeset(comment, attrs, scope)
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
