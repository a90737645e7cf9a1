defmodule Ledger.Books do
  @moduledoc """
  The Books context.
  """

  import Ecto.Query, warn: false

  alias Ledger.Books.Account
  alias Ledger.Books.Entry
  alias Ledger.Repo

  @doc """
  Returns every account, in no particular order.

  ## Examples

      iex> list_accounts()
      [%Account{}, ...]

  """
  def list_accounts do
    Repo.all(Account)
  end

  @doc """
  Fetches one account by its primary key `code_id`.

  Raises `Ecto.NoResultsError` when no account has it.

  ## Examples

      iex> get_account!(123)
      %Account{}

      iex> get_account!(456)
      ** (Ecto.NoResultsError)

  """
  def get_account!(id), do: Repo.get!(Account, id)

  @doc """
  Inserts an account built from `attrs`.

  Returns `{:ok, account}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_account(%{field: value})
      {:ok, %Account{}}

      iex> create_account(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_account(attrs) do
    %Account{}
    |> Account.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `account` and saves it.

  Returns `{:ok, account}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_account(account, %{field: new_value})
      {:ok, %Account{}}

      iex> update_account(account, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_account(%Account{} = account, attrs) do
    account
    |> Account.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `account`.

  Returns `{:ok, account}`. While rows of `:entries` still point at it, nothing is deleted and
  it returns `{:error, changeset}` with the error on that association, instead of raising.

  ## Examples

      iex> delete_account(account)
      {:ok, %Account{}}

      iex> delete_account(account)
      {:error, %Ecto.Changeset{}}

  """
  def delete_account(%Account{} = account) do
    account
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:entries)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `account` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_account(account)
      %Ecto.Changeset{data: %Account{}}

  """
  def change_account(%Account{} = account, attrs \\ %{}) do
    Account.changeset(account, attrs)
  end

  @doc """
  Returns every entry, in no particular order.

  ## Examples

      iex> list_entries()
      [%Entry{}, ...]

  """
  def list_entries do
    Repo.all(Entry)
  end

  @doc """
  Fetches one entry by its id.

  Raises `Ecto.NoResultsError` when no entry has it.

  ## Examples

      iex> get_entry!(123)
      %Entry{}

      iex> get_entry!(456)
      ** (Ecto.NoResultsError)

  """
  def get_entry!(id), do: Repo.get!(Entry, id)

  @doc """
  Inserts an entry built from `attrs`.

  Returns `{:ok, entry}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_entry(%{field: value})
      {:ok, %Entry{}}

      iex> create_entry(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_entry(attrs) do
    %Entry{}
    |> Entry.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `entry` and saves it.

  Returns `{:ok, entry}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_entry(entry, %{field: new_value})
      {:ok, %Entry{}}

      iex> update_entry(entry, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_entry(%Entry{} = entry, attrs) do
    entry
    |> Entry.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `entry`.

  Returns `{:ok, entry}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  ## Examples

      iex> delete_entry(entry)
      {:ok, %Entry{}}

  """
  def delete_entry(%Entry{} = entry) do
    Repo.delete(entry)
  end

  @doc """
  Returns a changeset of `entry` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_entry(entry)
      %Ecto.Changeset{data: %Entry{}}

  """
  def change_entry(%Entry{} = entry, attrs \\ %{}) do
    Entry.changeset(entry, attrs)
  end
end
