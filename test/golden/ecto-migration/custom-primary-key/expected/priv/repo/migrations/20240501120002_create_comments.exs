defmodule MyApp.Repo.Migrations.CreateComments do
  use Ecto.Migration

  def change do
    create table(:comments) do
      add :body, :text, null: false
      add :post_id, references(:posts, on_delete: :nothing, column: :post_id), null: false

      add :account_id,
          references(:accounts, on_delete: :nothing, type: :binary_id, column: :code),
          null: false

      timestamps()
    end

    create index(:comments, [:post_id])
    create index(:comments, [:account_id])
  end
end
