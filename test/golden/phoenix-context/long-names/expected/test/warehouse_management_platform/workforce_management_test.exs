defmodule WarehouseManagementPlatform.WorkforceManagementTest do
  use WarehouseManagementPlatform.DataCase

  alias WarehouseManagementPlatform.WorkforceManagement

  describe "warehouse_operations_supervisors" do
    alias WarehouseManagementPlatform.WorkforceManagement.WarehouseOperationsSupervisor

    import WarehouseManagementPlatform.WorkforceManagementFixtures

    @invalid_attrs %{full_legal_name_of_the_supervisor_as_in_contract: nil}

    test "list_warehouse_operations_supervisors/0 returns all warehouse operations supervisors" do
      warehouse_operations_supervisor = warehouse_operations_supervisor_fixture()

      assert WorkforceManagement.list_warehouse_operations_supervisors() == [
               warehouse_operations_supervisor
             ]
    end

    test "get_warehouse_operations_supervisor!/1 returns the warehouse operations supervisor with the given id" do
      warehouse_operations_supervisor = warehouse_operations_supervisor_fixture()

      assert WorkforceManagement.get_warehouse_operations_supervisor!(
               warehouse_operations_supervisor.id
             ) ==
               warehouse_operations_supervisor
    end

    test "create_warehouse_operations_supervisor/1 with valid data creates a warehouse operations supervisor" do
      valid_attrs = %{
        full_legal_name_of_the_supervisor_as_in_contract:
          "some full_legal_name_of_the_supervisor_as_in_contract"
      }

      assert {:ok, %WarehouseOperationsSupervisor{} = warehouse_operations_supervisor} =
               WorkforceManagement.create_warehouse_operations_supervisor(valid_attrs)

      assert warehouse_operations_supervisor.full_legal_name_of_the_supervisor_as_in_contract ==
               "some full_legal_name_of_the_supervisor_as_in_contract"
    end

    test "create_warehouse_operations_supervisor/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} =
               WorkforceManagement.create_warehouse_operations_supervisor(@invalid_attrs)
    end

    test "update_warehouse_operations_supervisor/2 with valid data updates the warehouse operations supervisor" do
      warehouse_operations_supervisor = warehouse_operations_supervisor_fixture()

      update_attrs = %{
        full_legal_name_of_the_supervisor_as_in_contract:
          "some updated full_legal_name_of_the_supervisor_as_in_contract"
      }

      assert {:ok, %WarehouseOperationsSupervisor{} = warehouse_operations_supervisor} =
               WorkforceManagement.update_warehouse_operations_supervisor(
                 warehouse_operations_supervisor,
                 update_attrs
               )

      assert warehouse_operations_supervisor.full_legal_name_of_the_supervisor_as_in_contract ==
               "some updated full_legal_name_of_the_supervisor_as_in_contract"
    end

    test "update_warehouse_operations_supervisor/2 with invalid data returns an error changeset" do
      warehouse_operations_supervisor = warehouse_operations_supervisor_fixture()

      assert {:error, %Ecto.Changeset{}} =
               WorkforceManagement.update_warehouse_operations_supervisor(
                 warehouse_operations_supervisor,
                 @invalid_attrs
               )

      assert warehouse_operations_supervisor ==
               WorkforceManagement.get_warehouse_operations_supervisor!(
                 warehouse_operations_supervisor.id
               )
    end

    test "delete_warehouse_operations_supervisor/1 deletes the warehouse operations supervisor" do
      warehouse_operations_supervisor = warehouse_operations_supervisor_fixture()

      assert {:ok, %WarehouseOperationsSupervisor{}} =
               WorkforceManagement.delete_warehouse_operations_supervisor(
                 warehouse_operations_supervisor
               )

      assert_raise Ecto.NoResultsError, fn ->
        WorkforceManagement.get_warehouse_operations_supervisor!(
          warehouse_operations_supervisor.id
        )
      end
    end

    test "change_warehouse_operations_supervisor/1 returns a warehouse operations supervisor changeset" do
      warehouse_operations_supervisor = warehouse_operations_supervisor_fixture()

      assert %Ecto.Changeset{} =
               WorkforceManagement.change_warehouse_operations_supervisor(
                 warehouse_operations_supervisor
               )
    end
  end
end
