defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [app: :my_app, version: "0.1.0", elixir: "~> 1.18", deps: deps()]
  end

  defp deps do
    [{:phoenix, "~> 1.7.14"}, {:ecto_sql, "~> 3.12"}, {:postgrex, ">= 0.0.0"}]
  end
end
