defmodule WarehouseManagementPlatform.StorageLocationManagementTest do
  use WarehouseManagementPlatform.DataCase

  alias WarehouseManagementPlatform.StorageLocationManagement

  describe "warehouse_storage_location_assignments" do
    alias WarehouseManagementPlatform.StorageLocationManagement.WarehouseStorageLocationAssignment

    import WarehouseManagementPlatform.StorageLocationManagementFixtures

    import WarehouseManagementPlatform.WorkforceManagementFixtures,
      only: [warehouse_operations_supervisor_fixture: 0]

    @invalid_attrs %{
      assignment_reference_code: nil,
      maximum_number_of_pallets_allowed_in_location: nil,
      scheduled_inventory_recount_date_for_location: nil,
      list_of_permitted_product_category_identifiers: nil,
      storage_temperature_requirement_classification: nil,
      supervisor_id: nil
    }

    test "list_warehouse_storage_location_assignments/0 returns all warehouse storage location assignments" do
      warehouse_storage_location_assignment = warehouse_storage_location_assignment_fixture()

      assert StorageLocationManagement.list_warehouse_storage_location_assignments() == [
               warehouse_storage_location_assignment
             ]
    end

    test "get_warehouse_storage_location_assignment!/1 returns the warehouse storage location assignment with the given id" do
      warehouse_storage_location_assignment = warehouse_storage_location_assignment_fixture()

      assert StorageLocationManagement.get_warehouse_storage_location_assignment!(
               warehouse_storage_location_assignment.id
             ) ==
               warehouse_storage_location_assignment
    end

    test "create_warehouse_storage_location_assignment/1 with valid data creates a warehouse storage location assignment" do
      supervisor = warehouse_operations_supervisor_fixture()

      valid_attrs = %{
        assignment_reference_code: "some assignment_reference_code",
        maximum_number_of_pallets_allowed_in_location: 42,
        scheduled_inventory_recount_date_for_location: ~D[2024-05-01],
        list_of_permitted_product_category_identifiers: ["option1", "option2"],
        storage_temperature_requirement_classification: :ambient_temperature_storage,
        supervisor_id: supervisor.id
      }

      assert {:ok, warehouse_storage_location_assignment} =
               StorageLocationManagement.create_warehouse_storage_location_assignment(valid_attrs)

      assert %WarehouseStorageLocationAssignment{} = warehouse_storage_location_assignment

      assert warehouse_storage_location_assignment.assignment_reference_code ==
               "some assignment_reference_code"

      assert warehouse_storage_location_assignment.maximum_number_of_pallets_allowed_in_location ==
               42

      assert warehouse_storage_location_assignment.scheduled_inventory_recount_date_for_location ==
               ~D[2024-05-01]

      assert warehouse_storage_location_assignment.list_of_permitted_product_category_identifiers ==
               ["option1", "option2"]

      assert warehouse_storage_location_assignment.storage_temperature_requirement_classification ==
               :ambient_temperature_storage

      assert warehouse_storage_location_assignment.supervisor_id == supervisor.id
    end

    test "create_warehouse_storage_location_assignment/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} =
               StorageLocationManagement.create_warehouse_storage_location_assignment(
                 @invalid_attrs
               )
    end

    test "update_warehouse_storage_location_assignment/2 with valid data updates the warehouse storage location assignment" do
      warehouse_storage_location_assignment = warehouse_storage_location_assignment_fixture()

      update_attrs = %{
        assignment_reference_code: "some updated assignment_reference_code",
        maximum_number_of_pallets_allowed_in_location: 43,
        scheduled_inventory_recount_date_for_location: ~D[2024-05-02],
        list_of_permitted_product_category_identifiers: ["option1"],
        storage_temperature_requirement_classification: :refrigerated_cold_chain_storage
      }

      assert {:ok, warehouse_storage_location_assignment} =
               StorageLocationManagement.update_warehouse_storage_location_assignment(
                 warehouse_storage_location_assignment,
                 update_attrs
               )

      assert %WarehouseStorageLocationAssignment{} = warehouse_storage_location_assignment

      assert warehouse_storage_location_assignment.assignment_reference_code ==
               "some updated assignment_reference_code"

      assert warehouse_storage_location_assignment.maximum_number_of_pallets_allowed_in_location ==
               43

      assert warehouse_storage_location_assignment.scheduled_inventory_recount_date_for_location ==
               ~D[2024-05-02]

      assert warehouse_storage_location_assignment.list_of_permitted_product_category_identifiers ==
               ["option1"]

      assert warehouse_storage_location_assignment.storage_temperature_requirement_classification ==
               :refrigerated_cold_chain_storage
    end

    test "update_warehouse_storage_location_assignment/2 with invalid data returns an error changeset" do
      warehouse_storage_location_assignment = warehouse_storage_location_assignment_fixture()

      assert {:error, %Ecto.Changeset{}} =
               StorageLocationManagement.update_warehouse_storage_location_assignment(
                 warehouse_storage_location_assignment,
                 @invalid_attrs
               )

      assert warehouse_storage_location_assignment ==
               StorageLocationManagement.get_warehouse_storage_location_assignment!(
                 warehouse_storage_location_assignment.id
               )
    end

    test "delete_warehouse_storage_location_assignment/1 deletes the warehouse storage location assignment" do
      warehouse_storage_location_assignment = warehouse_storage_location_assignment_fixture()

      assert {:ok, %WarehouseStorageLocationAssignment{}} =
               StorageLocationManagement.delete_warehouse_storage_location_assignment(
                 warehouse_storage_location_assignment
               )

      assert_raise Ecto.NoResultsError, fn ->
        StorageLocationManagement.get_warehouse_storage_location_assignment!(
          warehouse_storage_location_assignment.id
        )
      end
    end

    test "change_warehouse_storage_location_assignment/1 returns a warehouse storage location assignment changeset" do
      warehouse_storage_location_assignment = warehouse_storage_location_assignment_fixture()

      assert %Ecto.Changeset{} =
               StorageLocationManagement.change_warehouse_storage_location_assignment(
                 warehouse_storage_location_assignment
               )
    end
  end
end
