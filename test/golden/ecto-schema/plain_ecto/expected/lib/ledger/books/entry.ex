defmodule Ledger.Books.Entry do
  use Ecto.Schema
  import Ecto.Changeset

  schema "entries" do
    field :amount, :decimal
    field :posted_on, :date

    belongs_to :account, Ledger.Books.Account, references: :code_id

    timestamps()
  end

  @doc false
  def changeset(entry, attrs) do
    entry
    |> cast(attrs, [:amount, :posted_on, :account_id])
    |> validate_required([:amount, :posted_on, :account_id])
    |> foreign_key_constraint(:account_id)
  end
end
