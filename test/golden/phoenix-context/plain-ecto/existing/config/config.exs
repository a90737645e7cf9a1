import Config

config :ledger, ecto_repos: [Ledger.Repo]

# scopes are a Phoenix 1.8 convention: without Phoenix they are not applied
config :ledger, :scopes,
  user: [
    default: true,
    module: Ledger.Accounts.Scope,
    access_path: [:user, :id],
    schema_key: :user_id,
    schema_type: :id,
    schema_table: :users
  ]
