defmodule MyApp.Settings do
  @moduledoc """
  The Settings context.
  """

  import Ecto.Query, warn: false

  alias MyApp.Db, as: Repo
  alias MyApp.Settings.Marker
  alias MyApp.Settings.Preference

  @doc """
  Returns every preference, in no particular order.

  ## Examples

      iex> list_preferences()
      [%Preference{}, ...]

  """
  def list_preferences do
    Repo.all(Preference)
  end

  @doc """
  Fetches one preference by its primary key `preference_id`.

  Raises `Ecto.NoResultsError` when no preference has it.

  ## Examples

      iex> get_preference!(123)
      %Preference{}

      iex> get_preference!(456)
      ** (Ecto.NoResultsError)

  """
  def get_preference!(id), do: Repo.get!(Preference, id)

  @doc """
  Inserts a preference built from `attrs`.

  Returns `{:ok, preference}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_preference(%{field: value})
      {:ok, %Preference{}}

      iex> create_preference(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_preference(attrs) do
    %Preference{}
    |> Preference.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `preference` and saves it.

  Returns `{:ok, preference}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_preference(preference, %{field: new_value})
      {:ok, %Preference{}}

      iex> update_preference(preference, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_preference(%Preference{} = preference, attrs) do
    preference
    |> Preference.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `preference`.

  Returns `{:ok, preference}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  ## Examples

      iex> delete_preference(preference)
      {:ok, %Preference{}}

  """
  def delete_preference(%Preference{} = preference) do
    Repo.delete(preference)
  end

  @doc """
  Returns a changeset of `preference` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_preference(preference)
      %Ecto.Changeset{data: %Preference{}}

  """
  def change_preference(%Preference{} = preference, attrs \\ %{}) do
    Preference.changeset(preference, attrs)
  end

  @doc """
  Returns every marker, in no particular order.

  ## Examples

      iex> list_markers()
      [%Marker{}, ...]

  """
  def list_markers do
    Repo.all(Marker)
  end

  @doc """
  Fetches one marker by its id.

  Raises `Ecto.NoResultsError` when no marker has it.

  ## Examples

      iex> get_marker!(123)
      %Marker{}

      iex> get_marker!(456)
      ** (Ecto.NoResultsError)

  """
  def get_marker!(id), do: Repo.get!(Marker, id)

  @doc """
  Inserts a marker built from `attrs`.

  Returns `{:ok, marker}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_marker(%{field: value})
      {:ok, %Marker{}}

      iex> create_marker(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_marker(attrs) do
    %Marker{}
    |> Marker.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `marker` and saves it.

  Returns `{:ok, marker}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_marker(marker, %{field: new_value})
      {:ok, %Marker{}}

      iex> update_marker(marker, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_marker(%Marker{} = marker, attrs) do
    marker
    |> Marker.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `marker`.

  Returns `{:ok, marker}`. A row of another table that still points at it makes the database
  refuse, which raises `Ecto.ConstraintError`.

  ## Examples

      iex> delete_marker(marker)
      {:ok, %Marker{}}

  """
  def delete_marker(%Marker{} = marker) do
    Repo.delete(marker)
  end

  @doc """
  Returns a changeset of `marker` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_marker(marker)
      %Ecto.Changeset{data: %Marker{}}

  """
  def change_marker(%Marker{} = marker, attrs \\ %{}) do
    Marker.changeset(marker, attrs)
  end
end
