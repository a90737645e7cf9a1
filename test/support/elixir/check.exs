# Elixir truth harness, run by test/support/elixir.ts as ONE `elixir` process for N files:
#
#   elixir check.exs FORMATTER_EXS MANIFEST
#
# MANIFEST lines: "<id>\t<base64 display path>\t<source file>". For each entry, prints one line
#   <id>\tok
#   <id>\tsyntax\t<line or "">\t<column or "">\t<base64 message>
#   <id>\tformat\t<base64 formatted source, exactly as `mix format` would write it>
#   <id>\terror\t<base64 message>          (the formatter itself raised)
# then "done\t<os pid>". Base64 keeps tabs, newlines and invalid UTF-8 out of the protocol.

[formatter_exs, manifest] = System.argv()

{formatter_opts, _binding} = Code.eval_file(formatter_exs)

# What `mix format` hands to Code.format_string!/2: the .formatter.exs minus mix's own keys.
format_opts =
  Keyword.drop(formatter_opts, [:inputs, :subdirectories, :import_deps, :export, :plugins])

b64 = &Base.encode64/1

# Same as Mix.Tasks.Format.elixir_format/2 (Elixir 1.14): trailing newline unless empty.
mix_format = fn source, file ->
  case Code.format_string!(source, [file: file] ++ format_opts) do
    [] -> ""
    formatted -> IO.iodata_to_binary([formatted, ?\n])
  end
end

manifest
|> File.read!()
|> String.split("\n", trim: true)
|> Enum.each(fn entry ->
  [id, display64, source_path] = String.split(entry, "\t")
  file = Base.decode64!(display64)
  source = File.read!(source_path)

  line =
    try do
      Code.string_to_quoted!(source, file: file, columns: true)

      try do
        formatted = mix_format.(source, file)
        if formatted == source, do: "ok", else: "format\t" <> b64.(formatted)
      rescue
        e -> "error\t" <> b64.(Exception.message(e))
      end
    rescue
      e ->
        l = Map.get(e, :line)
        c = Map.get(e, :column)
        num = fn n -> if is_integer(n), do: Integer.to_string(n), else: "" end
        "syntax\t#{num.(l)}\t#{num.(c)}\t" <> b64.(Exception.message(e))
    end

  IO.puts(id <> "\t" <> line)
end)

IO.puts("done\t" <> System.pid())
