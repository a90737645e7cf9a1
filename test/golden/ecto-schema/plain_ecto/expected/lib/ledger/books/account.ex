defmodule Ledger.Books.Account do
  use Ecto.Schema
  import Ecto.Changeset

  @primary_key {:code_id, :id, autogenerate: true}
  schema "accounts" do
    field :code, :string
    field :name, :string

    has_many :entries, Ledger.Books.Entry, foreign_key: :account_id

    timestamps()
  end

  @doc false
  def changeset(account, attrs) do
    account
    |> cast(attrs, [:code, :name])
    |> validate_required([:code, :name])
    |> unique_constraint(:code)
  end
end
