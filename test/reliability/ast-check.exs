# Injection check of the reliability suite (issue 9), run as ONE `elixir` process for N files:
#
#   elixir ast-check.exs MANIFEST
#
# MANIFEST lines: "<id>\t<source file>". For each file, after Code.string_to_quoted!:
#   <id>\tinterp\t<base64 Macro.to_string of the interpolated expression>   (one per #{...})
#   <id>\tcall\t<base64 Macro.to_string of the call>    (remote calls into System, File, Code,
#                                                        Port, :os, :erlang, IO)
#   <id>\tregex\t<base64 source and error>   (a ~r sigil that Regex.compile rejects)
#   <id>\tsyntax\t<base64 message>
#   <id>\tend
# then "done". An interpolation, in a string, charlist, sigil, heredoc or quoted atom, is always
# the node {{:., _, [Kernel, :to_string]}, _, [expr]} (the parser's expansion of #{expr}); source
# code spelling Kernel.to_string gets an :__aliases__ node instead, so it is not confused.

[manifest] = System.argv()

b64 = &Base.encode64/1

manifest
|> File.read!()
|> String.split("\n", trim: true)
|> Enum.each(fn entry ->
  [id, source_path] = String.split(entry, "\t")
  source = File.read!(source_path)

  try do
    ast = Code.string_to_quoted!(source, file: source_path)

    {_, findings} =
      Macro.prewalk(ast, [], fn
        {:sigil_r, _, [{:<<>>, _, [body]}, mods]} = node, acc when is_binary(body) ->
          case Regex.compile(body, List.to_string(mods)) do
            {:ok, _} -> {node, acc}
            {:error, reason} -> {node, [{"regex", "~r/#{body}/ #{inspect(reason)}"} | acc]}
          end

        {{:., _, [Kernel, :to_string]}, _, [expr]} = node, acc ->
          {node, [{"interp", Macro.to_string(expr)} | acc]}

        {{:., _, [{:__aliases__, _, [mod | _]}, _fun]}, _, args} = node, acc
        when is_list(args) and mod in [:System, :File, :Code, :Port, :IO] ->
          {node, [{"call", Macro.to_string(node)} | acc]}

        {{:., _, [mod, _fun]}, _, args} = node, acc
        when is_list(args) and mod in [:os, :erlang] ->
          {node, [{"call", Macro.to_string(node)} | acc]}

        node, acc ->
          {node, acc}
      end)

    findings
    |> Enum.reverse()
    |> Enum.each(fn {kind, text} -> IO.puts(id <> "\t" <> kind <> "\t" <> b64.(text)) end)
  rescue
    e -> IO.puts(id <> "\tsyntax\t" <> b64.(Exception.message(e)))
  end

  IO.puts(id <> "\tend")
end)

IO.puts("done")
