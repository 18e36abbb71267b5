using AiFeed.Catalog;

namespace AiFeed.Cli;

/// <summary>aifeed validate: each error as file:line:column: message; exit 1 if any.</summary>
internal static class ValidateCommand
{
    public static int Run(CommandLineArguments args)
    {
        var path = args["--feeds"] ?? "feeds.json";
        var result = CatalogLoader.Load(path);
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        if (!result.IsValid)
        {
            return 1;
        }

        var sources = result.Catalog!.Sources;
        Console.WriteLine($"{path}: ok, {sources.Count} sources ({sources.Count(s => s.Enabled)} enabled)");
        return 0;
    }
}
