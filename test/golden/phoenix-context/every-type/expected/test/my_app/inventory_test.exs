defmodule MyApp.InventoryTest do
  use MyApp.DataCase

  alias MyApp.Inventory

  describe "items" do
    alias MyApp.Inventory.Item

    import MyApp.InventoryFixtures

    @invalid_attrs %{
      name: nil,
      description: nil,
      quantity: nil,
      weight: nil,
      price: nil,
      discount: nil,
      active: nil,
      counts: nil,
      external_ref: nil,
      thumbnail: nil,
      released_on: nil,
      opens_at: nil,
      opens_at_usec: nil,
      stocked_at: nil,
      stocked_at_usec: nil,
      shipped_at: nil,
      shipped_at_usec: nil,
      legacy_id: nil,
      legacy_uuid: nil,
      tags: nil,
      sizes: nil,
      colors: nil,
      prices: nil,
      dates: nil,
      status: nil
    }

    test "list_items/0 returns all items" do
      item = item_fixture()
      assert Inventory.list_items() == [item]
    end

    test "get_item!/1 returns the item with the given id" do
      item = item_fixture()
      assert Inventory.get_item!(item.id) == item
    end

    test "create_item/1 with valid data creates an item" do
      valid_attrs = %{
        name: "some name",
        description: "some description",
        quantity: 42,
        weight: 120.5,
        price: "120.50",
        discount: "120.5",
        active: true,
        attributes: %{},
        counts: %{},
        external_ref: "7488a646-e31f-11e4-aace-600308960662",
        thumbnail: "some thumbnail",
        released_on: ~D[2024-05-01],
        opens_at: ~T[14:00:00],
        opens_at_usec: ~T[14:00:00.000000],
        stocked_at: ~N[2024-05-01 10:23:00],
        stocked_at_usec: ~N[2024-05-01 10:23:00.000000],
        shipped_at: ~U[2024-05-01 10:23:00Z],
        shipped_at_usec: ~U[2024-05-01 10:23:00.000000Z],
        legacy_id: 42,
        legacy_uuid: "7488a646-e31f-11e4-aace-600308960662",
        tags: ["option1", "option2"],
        sizes: [1, 2],
        colors: [:red],
        prices: ["120.5"],
        dates: [~D[2024-05-01]],
        status: :draft
      }

      assert {:ok, %Item{} = item} = Inventory.create_item(valid_attrs)
      assert item.name == "some name"
      assert item.description == "some description"
      assert item.quantity == 42
      assert item.weight == 120.5
      assert item.price == Decimal.new("120.50")
      assert item.discount == Decimal.new("120.5")
      assert item.active == true
      assert item.attributes == %{}
      assert item.counts == %{}
      assert item.external_ref == "7488a646-e31f-11e4-aace-600308960662"
      assert item.thumbnail == "some thumbnail"
      assert item.released_on == ~D[2024-05-01]
      assert item.opens_at == ~T[14:00:00]
      assert item.opens_at_usec == ~T[14:00:00.000000]
      assert item.stocked_at == ~N[2024-05-01 10:23:00]
      assert item.stocked_at_usec == ~N[2024-05-01 10:23:00.000000]
      assert item.shipped_at == ~U[2024-05-01 10:23:00Z]
      assert item.shipped_at_usec == ~U[2024-05-01 10:23:00.000000Z]
      assert item.legacy_id == 42
      assert item.legacy_uuid == "7488a646-e31f-11e4-aace-600308960662"
      assert item.tags == ["option1", "option2"]
      assert item.sizes == [1, 2]
      assert item.colors == [:red]
      assert item.prices == [Decimal.new("120.5")]
      assert item.dates == [~D[2024-05-01]]
      assert item.status == :draft
    end

    test "create_item/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Inventory.create_item(@invalid_attrs)
    end

    test "update_item/2 with valid data updates the item" do
      item = item_fixture()

      update_attrs = %{
        name: "some updated name",
        description: "some updated description",
        quantity: 43,
        weight: 456.7,
        price: "456.70",
        discount: "456.7",
        active: false,
        attributes: %{},
        counts: %{},
        external_ref: "7488a646-e31f-11e4-aace-600308960668",
        thumbnail: "some updated thumbnail",
        released_on: ~D[2024-05-02],
        opens_at: ~T[15:01:01],
        opens_at_usec: ~T[15:01:01.000000],
        stocked_at: ~N[2024-05-02 10:23:00],
        stocked_at_usec: ~N[2024-05-02 10:23:00.000000],
        shipped_at: ~U[2024-05-02 10:23:00Z],
        shipped_at_usec: ~U[2024-05-02 10:23:00.000000Z],
        legacy_id: 43,
        legacy_uuid: "7488a646-e31f-11e4-aace-600308960668",
        tags: ["option1"],
        sizes: [1],
        colors: [:green],
        prices: ["456.7"],
        dates: [~D[2024-05-02]],
        status: :published
      }

      assert {:ok, %Item{} = item} = Inventory.update_item(item, update_attrs)
      assert item.name == "some updated name"
      assert item.description == "some updated description"
      assert item.quantity == 43
      assert item.weight == 456.7
      assert item.price == Decimal.new("456.70")
      assert item.discount == Decimal.new("456.7")
      assert item.active == false
      assert item.attributes == %{}
      assert item.counts == %{}
      assert item.external_ref == "7488a646-e31f-11e4-aace-600308960668"
      assert item.thumbnail == "some updated thumbnail"
      assert item.released_on == ~D[2024-05-02]
      assert item.opens_at == ~T[15:01:01]
      assert item.opens_at_usec == ~T[15:01:01.000000]
      assert item.stocked_at == ~N[2024-05-02 10:23:00]
      assert item.stocked_at_usec == ~N[2024-05-02 10:23:00.000000]
      assert item.shipped_at == ~U[2024-05-02 10:23:00Z]
      assert item.shipped_at_usec == ~U[2024-05-02 10:23:00.000000Z]
      assert item.legacy_id == 43
      assert item.legacy_uuid == "7488a646-e31f-11e4-aace-600308960668"
      assert item.tags == ["option1"]
      assert item.sizes == [1]
      assert item.colors == [:green]
      assert item.prices == [Decimal.new("456.7")]
      assert item.dates == [~D[2024-05-02]]
      assert item.status == :published
    end

    test "update_item/2 with invalid data returns an error changeset" do
      item = item_fixture()
      assert {:error, %Ecto.Changeset{}} = Inventory.update_item(item, @invalid_attrs)
      assert item == Inventory.get_item!(item.id)
    end

    test "delete_item/1 deletes the item" do
      item = item_fixture()
      assert {:ok, %Item{}} = Inventory.delete_item(item)
      assert_raise Ecto.NoResultsError, fn -> Inventory.get_item!(item.id) end
    end

    test "change_item/1 returns an item changeset" do
      item = item_fixture()
      assert %Ecto.Changeset{} = Inventory.change_item(item)
    end
  end

  describe "warehouses" do
    alias MyApp.Inventory.Warehouse

    import MyApp.InventoryFixtures

    @invalid_attrs %{
      code: nil,
      slug: nil,
      email: nil,
      country: nil,
      capacity: nil,
      rating: nil,
      fee: nil,
      tier: nil,
      opened_on: nil,
      token: nil,
      notes: nil
    }

    test "list_warehouses/0 returns all warehouses" do
      warehouse = warehouse_fixture()
      assert Inventory.list_warehouses() == [warehouse]
    end

    test "get_warehouse!/1 returns the warehouse with the given id" do
      warehouse = warehouse_fixture()
      assert Inventory.get_warehouse!(warehouse.id) == warehouse
    end

    test "create_warehouse/1 with valid data creates a warehouse" do
      valid_attrs = %{
        code: "ABC123",
        slug: "some-slug",
        email: "user@example.com",
        country: "so",
        capacity: 1,
        rating: 1.5,
        fee: "12.50",
        tier: "basic",
        opened_on: ~D[2024-05-01],
        token: "7488a646-e31f-11e4-aace-600308960662",
        notes: ["option1", "option2", "option3"]
      }

      assert {:ok, %Warehouse{} = warehouse} = Inventory.create_warehouse(valid_attrs)
      assert warehouse.code == "ABC123"
      assert warehouse.slug == "some-slug"
      assert warehouse.email == "user@example.com"
      assert warehouse.country == "so"
      assert warehouse.capacity == 1
      assert warehouse.rating == 1.5
      assert warehouse.fee == Decimal.new("12.50")
      assert warehouse.tier == "basic"
      assert warehouse.opened_on == ~D[2024-05-01]
      assert warehouse.token == "7488a646-e31f-11e4-aace-600308960662"
      assert warehouse.notes == ["option1", "option2", "option3"]
    end

    test "create_warehouse/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Inventory.create_warehouse(@invalid_attrs)
    end

    test "update_warehouse/2 with valid data updates the warehouse" do
      warehouse = warehouse_fixture()

      update_attrs = %{
        code: "XYZ789",
        slug: "some-updated-slug",
        email: "updated@example.com",
        country: "so",
        capacity: 2,
        rating: 4.5,
        fee: "45.70",
        tier: "premium",
        opened_on: ~D[2024-05-02],
        token: "7488a646-e31f-11e4-aace-600308960668",
        notes: ["option1", "option2", "option3"]
      }

      assert {:ok, %Warehouse{} = warehouse} = Inventory.update_warehouse(warehouse, update_attrs)
      assert warehouse.code == "XYZ789"
      assert warehouse.slug == "some-updated-slug"
      assert warehouse.email == "updated@example.com"
      assert warehouse.country == "so"
      assert warehouse.capacity == 2
      assert warehouse.rating == 4.5
      assert warehouse.fee == Decimal.new("45.70")
      assert warehouse.tier == "premium"
      assert warehouse.opened_on == ~D[2024-05-02]
      assert warehouse.token == "7488a646-e31f-11e4-aace-600308960668"
      assert warehouse.notes == ["option1", "option2", "option3"]
    end

    test "update_warehouse/2 with invalid data returns an error changeset" do
      warehouse = warehouse_fixture()
      assert {:error, %Ecto.Changeset{}} = Inventory.update_warehouse(warehouse, @invalid_attrs)
      assert warehouse == Inventory.get_warehouse!(warehouse.id)
    end

    test "delete_warehouse/1 deletes the warehouse" do
      warehouse = warehouse_fixture()
      assert {:ok, %Warehouse{}} = Inventory.delete_warehouse(warehouse)
      assert_raise Ecto.NoResultsError, fn -> Inventory.get_warehouse!(warehouse.id) end
    end

    test "change_warehouse/1 returns a warehouse changeset" do
      warehouse = warehouse_fixture()
      assert %Ecto.Changeset{} = Inventory.change_warehouse(warehouse)
    end
  end

  describe "slots" do
    alias MyApp.Inventory.Slot

    import MyApp.InventoryFixtures

    @invalid_attrs %{row: nil, position: nil, warehouse_id: nil}

    test "list_slots/0 returns all slots" do
      slot = slot_fixture()
      assert Inventory.list_slots() == [slot]
    end

    test "get_slot!/1 returns the slot with the given id" do
      slot = slot_fixture()
      assert Inventory.get_slot!(slot.id) == slot
    end

    test "create_slot/1 with valid data creates a slot" do
      warehouse = warehouse_fixture()
      valid_attrs = %{row: "some row", position: 42, warehouse_id: warehouse.id}

      assert {:ok, %Slot{} = slot} = Inventory.create_slot(valid_attrs)
      assert slot.row == "some row"
      assert slot.position == 42
      assert slot.warehouse_id == warehouse.id
    end

    test "create_slot/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Inventory.create_slot(@invalid_attrs)
    end

    test "update_slot/2 with valid data updates the slot" do
      slot = slot_fixture()
      update_attrs = %{row: "some updated row", position: 43}

      assert {:ok, %Slot{} = slot} = Inventory.update_slot(slot, update_attrs)
      assert slot.row == "some updated row"
      assert slot.position == 43
    end

    test "update_slot/2 with invalid data returns an error changeset" do
      slot = slot_fixture()
      assert {:error, %Ecto.Changeset{}} = Inventory.update_slot(slot, @invalid_attrs)
      assert slot == Inventory.get_slot!(slot.id)
    end

    test "delete_slot/1 deletes the slot" do
      slot = slot_fixture()
      assert {:ok, %Slot{}} = Inventory.delete_slot(slot)
      assert_raise Ecto.NoResultsError, fn -> Inventory.get_slot!(slot.id) end
    end

    test "change_slot/1 returns a slot changeset" do
      slot = slot_fixture()
      assert %Ecto.Changeset{} = Inventory.change_slot(slot)
    end
  end
end
