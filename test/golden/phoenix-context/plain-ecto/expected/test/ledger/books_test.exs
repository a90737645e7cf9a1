defmodule Ledger.BooksTest do
  use Ledger.DataCase

  alias Ledger.Books

  describe "accounts" do
    alias Ledger.Books.Account

    import Ledger.BooksFixtures

    @invalid_attrs %{code: nil, name: nil}

    test "list_accounts/0 returns all accounts" do
      account = account_fixture()
      assert Books.list_accounts() == [account]
    end

    test "get_account!/1 returns the account with the given code_id" do
      account = account_fixture()
      assert Books.get_account!(account.code_id) == account
    end

    test "create_account/1 with valid data creates an account" do
      valid_attrs = %{code: "some code", name: "some name"}

      assert {:ok, %Account{} = account} = Books.create_account(valid_attrs)
      assert account.code == "some code"
      assert account.name == "some name"
    end

    test "create_account/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Books.create_account(@invalid_attrs)
    end

    test "update_account/2 with valid data updates the account" do
      account = account_fixture()
      update_attrs = %{code: "some updated code", name: "some updated name"}

      assert {:ok, %Account{} = account} = Books.update_account(account, update_attrs)
      assert account.code == "some updated code"
      assert account.name == "some updated name"
    end

    test "update_account/2 with invalid data returns an error changeset" do
      account = account_fixture()
      assert {:error, %Ecto.Changeset{}} = Books.update_account(account, @invalid_attrs)
      assert account == Books.get_account!(account.code_id)
    end

    test "delete_account/1 deletes the account" do
      account = account_fixture()
      assert {:ok, %Account{}} = Books.delete_account(account)
      assert_raise Ecto.NoResultsError, fn -> Books.get_account!(account.code_id) end
    end

    test "delete_account/1 keeps the account while entries point at it" do
      account = account_fixture()
      entry_fixture(%{account_id: account.code_id})

      assert {:error, %Ecto.Changeset{}} = Books.delete_account(account)
      assert Books.get_account!(account.code_id) == account
    end

    test "change_account/1 returns an account changeset" do
      account = account_fixture()
      assert %Ecto.Changeset{} = Books.change_account(account)
    end
  end

  describe "entries" do
    alias Ledger.Books.Entry

    import Ledger.BooksFixtures

    @invalid_attrs %{amount: nil, posted_on: nil, account_id: nil}

    test "list_entries/0 returns all entries" do
      entry = entry_fixture()
      assert Books.list_entries() == [entry]
    end

    test "get_entry!/1 returns the entry with the given id" do
      entry = entry_fixture()
      assert Books.get_entry!(entry.id) == entry
    end

    test "create_entry/1 with valid data creates an entry" do
      account = account_fixture()
      valid_attrs = %{amount: "120.5", posted_on: ~D[2025-05-31], account_id: account.code_id}

      assert {:ok, %Entry{} = entry} = Books.create_entry(valid_attrs)
      assert entry.amount == Decimal.new("120.5")
      assert entry.posted_on == ~D[2025-05-31]
      assert entry.account_id == account.code_id
    end

    test "create_entry/1 with invalid data returns an error changeset" do
      assert {:error, %Ecto.Changeset{}} = Books.create_entry(@invalid_attrs)
    end

    test "update_entry/2 with valid data updates the entry" do
      entry = entry_fixture()
      update_attrs = %{amount: "456.7", posted_on: ~D[2025-06-01]}

      assert {:ok, %Entry{} = entry} = Books.update_entry(entry, update_attrs)
      assert entry.amount == Decimal.new("456.7")
      assert entry.posted_on == ~D[2025-06-01]
    end

    test "update_entry/2 with invalid data returns an error changeset" do
      entry = entry_fixture()
      assert {:error, %Ecto.Changeset{}} = Books.update_entry(entry, @invalid_attrs)
      assert entry == Books.get_entry!(entry.id)
    end

    test "delete_entry/1 deletes the entry" do
      entry = entry_fixture()
      assert {:ok, %Entry{}} = Books.delete_entry(entry)
      assert_raise Ecto.NoResultsError, fn -> Books.get_entry!(entry.id) end
    end

    test "change_entry/1 returns an entry changeset" do
      entry = entry_fixture()
      assert %Ecto.Changeset{} = Books.change_entry(entry)
    end
  end
end
