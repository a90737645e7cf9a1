defmodule MyApp.Accounts.Member do
  use Ecto.Schema
  import Ecto.Changeset

  schema "members" do
    field :email, :string
    field :username, :string
    field :pin, :string
    field :avatar, :binary
    field :age, :integer
    field :score, :float
    field :balance, :decimal
    field :plan, :string
    field :tier, :integer
    field :role, Ecto.Enum, values: [:admin, :member]
    field :interests, {:array, :string}
    field :org_code, :string
    field :external_ref, :string

    has_one :profile, MyApp.Accounts.Profile

    timestamps()
  end

  @doc false
  def changeset(member, attrs) do
    member
    |> cast(attrs, [
      :email,
      :username,
      :pin,
      :avatar,
      :age,
      :score,
      :balance,
      :plan,
      :tier,
      :role,
      :interests,
      :org_code,
      :external_ref
    ])
    |> validate_required([
      :email,
      :username,
      :pin,
      :age,
      :score,
      :balance,
      :plan,
      :tier,
      :role,
      :interests,
      :org_code,
      :external_ref
    ])
    |> validate_length(:email, max: 160)
    |> validate_format(:email, ~r/^[^@\s]+@[^@\s]+$/)
    |> validate_length(:username, min: 3, max: 30)
    |> validate_format(:username, ~r|^[a-z0-9_/]+$|)
    |> validate_length(:pin, is: 4)
    |> validate_length(:avatar, max: 65536, count: :bytes)
    |> validate_number(:age, greater_than_or_equal_to: 18, less_than: 130)
    |> validate_number(:score, greater_than: 0.0, less_than_or_equal_to: 100.0)
    |> validate_number(:balance, greater_than_or_equal_to: -1000.5)
    |> validate_inclusion(:plan, ["free", "pro", "enterprise"])
    |> validate_inclusion(:tier, [1, 2, 3])
    |> validate_inclusion(:role, [:member])
    |> validate_length(:interests, max: 5)
    |> validate_subset(:interests, ["music", "sports"])
    |> unique_constraint(:email)
    |> unique_constraint([:org_code, :username])
    |> unique_constraint(:external_ref, name: :members_external_ref_key)
  end
end
