using System.CommandLine;
using AiFeed.Catalog;

namespace AiFeed.Cli;

/// <summary>aifeed schema: prints the JSON Schema of feeds.json (the repository's feeds.schema.json is its output).</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "Print the JSON Schema of feeds.json (editors use it for completion and checks).");
        var output = new Option<string?>("--output", "-o") { Description = "Write the schema to this file instead of standard output", HelpName = "PATH" };
        command.Options.Add(output);
        command.SetAction(parse => Run(parse.GetValue(output), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string? path, TextWriter output)
    {
        var schema = CatalogSchema.Generate();
        if (path is null)
        {
            output.Write(schema);
            return 0;
        }

        try
        {
            File.WriteAllText(path, schema);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot write the schema to '{path}': {ex.Message.TrimEnd('.')}; choose a writable --output path, or leave it out to print the schema");
        }

        output.WriteLine($"wrote {path}");
        return 0;
    }
}
