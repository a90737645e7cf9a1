import Config

# what `mix phx.new shop --binary-id` writes
config :shop,
  ecto_repos: [Shop.Repo],
  generators: [timestamp_type: :utc_datetime, binary_id: true]

import_config "#{config_env()}.exs"
