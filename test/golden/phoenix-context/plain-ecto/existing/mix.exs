defmodule Ledger.MixProject do
  use Mix.Project

  # an Ecto application without Phoenix
  def project do
    [app: :ledger, version: "0.1.0", elixir: "~> 1.14", deps: deps()]
  end

  defp deps do
    [{:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}]
  end
end
