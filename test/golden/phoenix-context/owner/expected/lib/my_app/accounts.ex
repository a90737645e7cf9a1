defmodule MyApp.Accounts do
  @moduledoc """
  The Accounts context.
  """

  import Ecto.Query, warn: false

  alias MyApp.Accounts.User
  alias MyApp.Repo

  @doc """
  Returns every user, in no particular order.

  ## Examples

      iex> list_users()
      [%User{}, ...]

  """
  def list_users do
    Repo.all(User)
  end

  @doc """
  Fetches one user by its id.

  Raises `Ecto.NoResultsError` when no user has it.

  ## Examples

      iex> get_user!(123)
      %User{}

      iex> get_user!(456)
      ** (Ecto.NoResultsError)

  """
  def get_user!(id), do: Repo.get!(User, id)

  @doc """
  Inserts a user built from `attrs`.

  Returns `{:ok, user}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_user(%{field: value})
      {:ok, %User{}}

      iex> create_user(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_user(attrs) do
    %User{}
    |> User.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `user` and saves it.

  Returns `{:ok, user}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_user(user, %{field: new_value})
      {:ok, %User{}}

      iex> update_user(user, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_user(%User{} = user, attrs) do
    user
    |> User.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `user`.

  Returns `{:ok, user}`. While rows of `:comments` still point at it, nothing is deleted and it
  returns `{:error, changeset}` with the error on that association, instead of raising.

  ## Examples

      iex> delete_user(user)
      {:ok, %User{}}

      iex> delete_user(user)
      {:error, %Ecto.Changeset{}}

  """
  def delete_user(%User{} = user) do
    user
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:comments)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `user` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_user(user)
      %Ecto.Changeset{data: %User{}}

  """
  def change_user(%User{} = user, attrs \\ %{}) do
    User.changeset(user, attrs)
  end
end
