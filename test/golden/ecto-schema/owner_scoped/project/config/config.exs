import Config

# the shape `mix phx.new` and `mix phx.gen.auth` give this file
config :my_app, :scopes,
  user: [
    default: true,
    module: MyApp.Accounts.Scope,
    assign_key: :current_scope,
    access_path: [:user, :id],
    schema_key: :user_id,
    schema_type: :id,
    schema_table: :users,
    test_data_fixture: MyApp.AccountsFixtures,
    test_setup_helper: :register_and_log_in_user
  ]

# a second scope without a table of its own: its key is a plain column
config :my_app, :scopes,
  org: [
    module: MyApp.Accounts.Scope,
    access_path: [:organization, :id],
    schema_key: :org_id,
    schema_type: :binary_id,
    test_data_fixture: MyApp.AccountsFixtures
  ]

config :my_app,
  ecto_repos: [MyApp.Repo],
  generators: [timestamp_type: :utc_datetime]

import_config "#{config_env()}.exs"
