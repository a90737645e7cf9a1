defmodule MyApp.AccountsTest do
  use MyApp.DataCase

  alias MyApp.Accounts

  describe "labels" do
    alias MyApp.Accounts.Label

    import MyApp.AccountsFixtures

    @invalid_attrs %{name: nil}

    test "list_labels/0 returns all labels" do
      label = label_fixture()
      assert Accounts.list_labels() == [label]
    end

    test "get_label!/1 returns the label with the given id" do
      label = label_fixture()
      assert Accounts.get_label!(label.id) == label
    end

    test "create_label/1 with valid data creates a label" do
      valid_attrs = %{name: "some name"}

      assert {:ok, %Label{} = label} = Accounts.create_label(valid_attrs)
      assert label.name == "some name"
    end

    test "create_label/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Accounts.create_label(@invalid_attrs)
    end

    test "update_label/2 with valid data updates the label" do
      label = label_fixture()
      update_attrs = %{name: "some updated name"}

      assert {:ok, %Label{} = label} = Accounts.update_label(label, update_attrs)
      assert label.name == "some updated name"
    end

    test "update_label/2 with invalid data returns an error changeset" do
      label = label_fixture()
      assert {:error, %Ecto.Changeset{}} = Accounts.update_label(label, @invalid_attrs)
      assert label == Accounts.get_label!(label.id)
    end

    test "delete_label/1 deletes the label" do
      label = label_fixture()
      assert {:ok, %Label{}} = Accounts.delete_label(label)
      assert_raise Ecto.NoResultsError, fn -> Accounts.get_label!(label.id) end
    end

    test "change_label/1 returns a label changeset" do
      label = label_fixture()
      assert %Ecto.Changeset{} = Accounts.change_label(label)
    end
  end
end
