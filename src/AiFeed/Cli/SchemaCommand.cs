using AiFeed.Catalog;

namespace AiFeed.Cli;

/// <summary>aifeed schema: prints the JSON Schema of feeds.json (the repository's feeds.schema.json is its output).</summary>
internal static class SchemaCommand
{
    public static int Run(CommandLineArguments args)
    {
        var schema = CatalogSchema.Generate();
        if (args["--output"] is { } path)
        {
            File.WriteAllText(path, schema);
            Console.WriteLine($"wrote {path}");
        }
        else
        {
            Console.Write(schema);
        }

        return 0;
    }
}
