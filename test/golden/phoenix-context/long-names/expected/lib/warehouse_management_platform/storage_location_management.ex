defmodule WarehouseManagementPlatform.StorageLocationManagement do
  @moduledoc """
  The StorageLocationManagement context.
  """

  import Ecto.Query, warn: false

  alias WarehouseManagementPlatform.Repo
  alias WarehouseManagementPlatform.StorageLocationManagement.WarehouseStorageLocationAssignment

  @doc """
  Returns every warehouse storage location assignment, in no particular order.

  ## Examples

      iex> list_warehouse_storage_location_assignments()
      [%WarehouseStorageLocationAssignment{}, ...]

  """
  def list_warehouse_storage_location_assignments do
    Repo.all(WarehouseStorageLocationAssignment)
  end

  @doc """
  Fetches one warehouse storage location assignment by its id.

  Raises `Ecto.NoResultsError` when no warehouse storage location assignment has it.

  ## Examples

      iex> get_warehouse_storage_location_assignment!(123)
      %WarehouseStorageLocationAssignment{}

      iex> get_warehouse_storage_location_assignment!(456)
      ** (Ecto.NoResultsError)

  """
  def get_warehouse_storage_location_assignment!(id) do
    Repo.get!(WarehouseStorageLocationAssignment, id)
  end

  @doc """
  Inserts a warehouse storage location assignment built from `attrs`.

  Returns `{:ok, warehouse_storage_location_assignment}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_warehouse_storage_location_assignment(%{field: value})
      {:ok, %WarehouseStorageLocationAssignment{}}

      iex> create_warehouse_storage_location_assignment(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_warehouse_storage_location_assignment(attrs) do
    %WarehouseStorageLocationAssignment{}
    |> WarehouseStorageLocationAssignment.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `warehouse_storage_location_assignment` and saves it.

  Returns `{:ok, warehouse_storage_location_assignment}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_warehouse_storage_location_assignment(warehouse_storage_location_assignment, %{field: new_value})
      {:ok, %WarehouseStorageLocationAssignment{}}

      iex> update_warehouse_storage_location_assignment(warehouse_storage_location_assignment, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_warehouse_storage_location_assignment(
        %WarehouseStorageLocationAssignment{} = warehouse_storage_location_assignment,
        attrs
      ) do
    warehouse_storage_location_assignment
    |> WarehouseStorageLocationAssignment.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `warehouse_storage_location_assignment`.

  Returns `{:ok, warehouse_storage_location_assignment}`. A row of another table that still
  points at it makes the database refuse, which raises `Ecto.ConstraintError`.

  ## Examples

      iex> delete_warehouse_storage_location_assignment(warehouse_storage_location_assignment)
      {:ok, %WarehouseStorageLocationAssignment{}}

  """
  def delete_warehouse_storage_location_assignment(
        %WarehouseStorageLocationAssignment{} = warehouse_storage_location_assignment
      ) do
    Repo.delete(warehouse_storage_location_assignment)
  end

  @doc """
  Returns a changeset of `warehouse_storage_location_assignment` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_warehouse_storage_location_assignment(warehouse_storage_location_assignment)
      %Ecto.Changeset{data: %WarehouseStorageLocationAssignment{}}

  """
  def change_warehouse_storage_location_assignment(
        %WarehouseStorageLocationAssignment{} = warehouse_storage_location_assignment,
        attrs \\ %{}
      ) do
    WarehouseStorageLocationAssignment.changeset(warehouse_storage_location_assignment, attrs)
  end
end
