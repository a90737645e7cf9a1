# The Blog context — café ☕, written by hand.
defmodule MyApp.Blog do
  @moduledoc """
  The Blog context.

  A heredoc that mentions end:

      defmodule Fake do
      end
  """

  import Ecto.Query, warn: false

  alias MyApp.Blog.Post
  alias MyApp.Repo

  @separator "end"
  @template ~S"""
  <%= for post <- posts do %>
    <%= post.title %> end
  <% end %>
  """

  @doc "Lists posts, newest first (edited by hand)."
  def list_posts do
    Post
    |> order_by(desc: :inserted_at)
    |> Repo.all()
  end

  def get_post!(id), do: Repo.get!(Post, id)

  def separator, do: @separator
  def template, do: @template

  def normalized(value, default \\ "end") when is_binary(value), do: normalize(value, default)

  defp normalize("", default), do: default
  defp normalize(value, _default), do: String.trim(value)

  # Fin du module — ünïcode ✓ end
end

# Code after the module, and a comment: end
defimpl String.Chars, for: MyApp.Blog.Post do
  def to_string(post), do: post.title
end
