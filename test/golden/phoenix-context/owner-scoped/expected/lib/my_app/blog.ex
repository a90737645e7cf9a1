defmodule MyApp.Blog do
  @moduledoc """
  The Blog context.
  """

  import Ecto.Query, warn: false

  alias MyApp.Accounts.Scope
  alias MyApp.Blog.Book
  alias MyApp.Blog.Comment
  alias MyApp.Blog.Note
  alias MyApp.Blog.Post
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

  It belongs to `post`: `post_id` comes from `post.id`, never from `attrs`.
  Raises `MatchError` when `post` belongs to another scope.

  The scope owns it: `user_id` comes from `scope.user.id`, never from `attrs`.
  The scope's subscribers receive `{:created, comment}`.

  ## Examples

      iex> create_comment(scope, post, %{field: value})
      {:ok, %Comment{}}

      iex> create_comment(scope, post, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_comment(%Scope{} = scope, %Post{} = post, attrs) do
    true = post.user_id == scope.user.id

    with {:ok, %Comment{} = comment} <-
           %Comment{post_id: post.id}
           |> Comment.changeset(attrs, scope)
           |> Repo.insert() do
      broadcast_comment(scope, {:created, comment})
      {:ok, comment}
    end
  end

  @doc """
  Applies `attrs` to `comment` and saves it.

  Returns `{:ok, comment}`, or `{:error, changeset}` when `attrs` are not valid.

  `post_id` never changes: `attrs` cannot move it to another post.

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
  `%Comment{post_id: post.id, user_id: scope.user.id}`.

  ## Examples

      iex> change_comment(scope, comment)
      %Ecto.Changeset{data: %Comment{}}

  """
  def change_comment(%Scope{} = scope, %Comment{} = comment, attrs \\ %{}) do
    true = comment.user_id == scope.user.id

    Comment.changeset(comment, attrs, scope)
  end

  @doc """
  Returns every book, in no particular order.

  ## Examples

      iex> list_books()
      [%Book{}, ...]

  """
  def list_books do
    Repo.all(Book)
  end

  @doc """
  Fetches one book by its id.

  Raises `Ecto.NoResultsError` when no book has it.

  ## Examples

      iex> get_book!(123)
      %Book{}

      iex> get_book!(456)
      ** (Ecto.NoResultsError)

  """
  def get_book!(id), do: Repo.get!(Book, id)

  @doc """
  Inserts a book built from `attrs`.

  Returns `{:ok, book}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_book(%{field: value})
      {:ok, %Book{}}

      iex> create_book(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_book(attrs) do
    %Book{}
    |> Book.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `book` and saves it.

  Returns `{:ok, book}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_book(book, %{field: new_value})
      {:ok, %Book{}}

      iex> update_book(book, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_book(%Book{} = book, attrs) do
    book
    |> Book.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `book`.

  Returns `{:ok, book}`. While rows of `:notes` still point at it, nothing is deleted and it
  returns `{:error, changeset}` with the error on that association, instead of raising.

  ## Examples

      iex> delete_book(book)
      {:ok, %Book{}}

      iex> delete_book(book)
      {:error, %Ecto.Changeset{}}

  """
  def delete_book(%Book{} = book) do
    book
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:notes)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `book` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_book(book)
      %Ecto.Changeset{data: %Book{}}

  """
  def change_book(%Book{} = book, attrs \\ %{}) do
    Book.changeset(book, attrs)
  end

  @doc """
  Subscribes the calling process to the changes of the scope's notes.

  After each successful write through this context, the subscriber receives one message:

    * `{:created, %Note{}}`
    * `{:updated, %Note{}}`
    * `{:deleted, %Note{}}`

  Writes in other scopes are not sent.

  """
  def subscribe_notes(%Scope{} = scope) do
    key = scope.user.id

    Phoenix.PubSub.subscribe(MyApp.PubSub, "user:#{key}:notes")
  end

  defp broadcast_note(%Scope{} = scope, message) do
    key = scope.user.id

    Phoenix.PubSub.broadcast(MyApp.PubSub, "user:#{key}:notes", message)
  end

  @doc """
  Returns the scope's notes (`user_id` equal to `scope.user.id`),
  in no particular order.

  ## Examples

      iex> list_notes(scope)
      [%Note{}, ...]

  """
  def list_notes(%Scope{} = scope) do
    Repo.all_by(Note, user_id: scope.user.id)
  end

  @doc """
  Fetches one note by its id, among the scope's notes.

  Raises `Ecto.NoResultsError` when no note has it, also when it belongs to another scope.

  ## Examples

      iex> get_note!(scope, 123)
      %Note{}

      iex> get_note!(scope, 456)
      ** (Ecto.NoResultsError)

  """
  def get_note!(%Scope{} = scope, id), do: Repo.get_by!(Note, id: id, user_id: scope.user.id)

  @doc """
  Inserts a note built from `attrs`.

  Returns `{:ok, note}`, or `{:error, changeset}` when `attrs` are not valid.

  It belongs to `book`: `book_id` comes from `book.id`, never from `attrs`.

  The scope owns it: `user_id` comes from `scope.user.id`, never from `attrs`.
  The scope's subscribers receive `{:created, note}`.

  ## Examples

      iex> create_note(scope, book, %{field: value})
      {:ok, %Note{}}

      iex> create_note(scope, book, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_note(%Scope{} = scope, %Book{} = book, attrs) do
    with {:ok, %Note{} = note} <-
           %Note{book_id: book.id}
           |> Note.changeset(attrs, scope)
           |> Repo.insert() do
      broadcast_note(scope, {:created, note})
      {:ok, note}
    end
  end

  @doc """
  Applies `attrs` to `note` and saves it.

  Returns `{:ok, note}`, or `{:error, changeset}` when `attrs` are not valid.

  `book_id` never changes: `attrs` cannot move it to another book.

  Raises `MatchError` when `note` belongs to another scope; `user_id` never changes.
  The scope's subscribers receive `{:updated, note}`.

  ## Examples

      iex> update_note(scope, note, %{field: new_value})
      {:ok, %Note{}}

      iex> update_note(scope, note, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_note(%Scope{} = scope, %Note{} = note, attrs) do
    true = note.user_id == scope.user.id

    with {:ok, %Note{} = note} <-
           note
           |> Note.changeset(attrs, scope)
           |> Repo.update() do
      broadcast_note(scope, {:updated, note})
      {:ok, note}
    end
  end

  @doc """
  Deletes `note`.

  Returns `{:ok, note}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  Raises `MatchError` when `note` belongs to another scope.
  The scope's subscribers receive `{:deleted, note}`.

  ## Examples

      iex> delete_note(scope, note)
      {:ok, %Note{}}

  """
  def delete_note(%Scope{} = scope, %Note{} = note) do
    true = note.user_id == scope.user.id

    with {:ok, %Note{} = note} <- Repo.delete(note) do
      broadcast_note(scope, {:deleted, note})
      {:ok, note}
    end
  end

  @doc """
  Returns a changeset of `note` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  Raises `MatchError` when `note` belongs to another scope. For a new one, pass
  `%Note{book_id: book.id, user_id: scope.user.id}`.

  ## Examples

      iex> change_note(scope, note)
      %Ecto.Changeset{data: %Note{}}

  """
  def change_note(%Scope{} = scope, %Note{} = note, attrs \\ %{}) do
    true = note.user_id == scope.user.id

    Note.changeset(note, attrs, scope)
  end
end
