defmodule WarehouseManagementPlatform.WorkforceManagement do
  @moduledoc """
  The WorkforceManagement context.
  """

  import Ecto.Query, warn: false

  alias WarehouseManagementPlatform.Repo
  alias WarehouseManagementPlatform.WorkforceManagement.WarehouseOperationsSupervisor

  @doc """
  Returns every warehouse operations supervisor, in no particular order.

  ## Examples

      iex> list_warehouse_operations_supervisors()
      [%WarehouseOperationsSupervisor{}, ...]

  """
  def list_warehouse_operations_supervisors do
    Repo.all(WarehouseOperationsSupervisor)
  end

  @doc """
  Fetches one warehouse operations supervisor by its id.

  Raises `Ecto.NoResultsError` when no warehouse operations supervisor has it.

  ## Examples

      iex> get_warehouse_operations_supervisor!(123)
      %WarehouseOperationsSupervisor{}

      iex> get_warehouse_operations_supervisor!(456)
      ** (Ecto.NoResultsError)

  """
  def get_warehouse_operations_supervisor!(id), do: Repo.get!(WarehouseOperationsSupervisor, id)

  @doc """
  Inserts a warehouse operations supervisor built from `attrs`.

  Returns `{:ok, warehouse_operations_supervisor}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> create_warehouse_operations_supervisor(%{field: value})
      {:ok, %WarehouseOperationsSupervisor{}}

      iex> create_warehouse_operations_supervisor(%{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def create_warehouse_operations_supervisor(attrs) do
    %WarehouseOperationsSupervisor{}
    |> WarehouseOperationsSupervisor.changeset(attrs)
    |> Repo.insert()
  end

  @doc """
  Applies `attrs` to `warehouse_operations_supervisor` and saves it.

  Returns `{:ok, warehouse_operations_supervisor}`, or `{:error, changeset}` when `attrs` are not valid.

  ## Examples

      iex> update_warehouse_operations_supervisor(warehouse_operations_supervisor, %{field: new_value})
      {:ok, %WarehouseOperationsSupervisor{}}

      iex> update_warehouse_operations_supervisor(warehouse_operations_supervisor, %{field: bad_value})
      {:error, %Ecto.Changeset{}}

  """
  def update_warehouse_operations_supervisor(
        %WarehouseOperationsSupervisor{} = warehouse_operations_supervisor,
        attrs
      ) do
    warehouse_operations_supervisor
    |> WarehouseOperationsSupervisor.changeset(attrs)
    |> Repo.update()
  end

  @doc """
  Deletes `warehouse_operations_supervisor`.

  Returns `{:ok, warehouse_operations_supervisor}`. While rows of `:storage_assignments` still
  point at it, nothing is deleted and it returns `{:error, changeset}` with the error on that
  association, instead of raising.

  ## Examples

      iex> delete_warehouse_operations_supervisor(warehouse_operations_supervisor)
      {:ok, %WarehouseOperationsSupervisor{}}

      iex> delete_warehouse_operations_supervisor(warehouse_operations_supervisor)
      {:error, %Ecto.Changeset{}}

  """
  def delete_warehouse_operations_supervisor(
        %WarehouseOperationsSupervisor{} = warehouse_operations_supervisor
      ) do
    warehouse_operations_supervisor
    |> Ecto.Changeset.change()
    |> Ecto.Changeset.no_assoc_constraint(:storage_assignments)
    |> Repo.delete()
  end

  @doc """
  Returns a changeset of `warehouse_operations_supervisor` with `attrs` applied, without saving it, to
  track changes (e.g. in a form).

  ## Examples

      iex> change_warehouse_operations_supervisor(warehouse_operations_supervisor)
      %Ecto.Changeset{data: %WarehouseOperationsSupervisor{}}

  """
  def change_warehouse_operations_supervisor(
        %WarehouseOperationsSupervisor{} = warehouse_operations_supervisor,
        attrs \\ %{}
      ) do
    WarehouseOperationsSupervisor.changeset(warehouse_operations_supervisor, attrs)
  end
end
