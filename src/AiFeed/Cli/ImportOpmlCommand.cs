using System.CommandLine;
using System.Globalization;
using System.Text;
using AiFeed.Catalog;
using AiFeed.Publishing;

namespace AiFeed.Cli;

/// <summary>
/// aifeed import-opml FILE [--feeds PATH]: adds the OPML's feeds to feeds.json as text (comments
/// and layout kept), refusing feeds the catalog has already. The result is validated before it
/// replaces the file, so a failed import leaves feeds.json as it was.
/// </summary>
internal static class ImportOpmlCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create()
    {
        var command = new Command("import-opml", "Add the feeds of an OPML file to feeds.json (comments and layout kept; feeds it has already are skipped).");
        var file = OptionValues.File("FILE", "The OPML file to import", ArgumentArity.ExactlyOne);
        command.Arguments.Add(file);
        var host = HostArguments.AddTo(command, data: false, overrides: false);
        command.SetAction(parse => Run(parse.GetRequiredValue(file), host.FeedsPath(parse), TimeProvider.System));
        return command;
    }

    private static int Run(string opmlPath, string feedsPath, TimeProvider time)
    {
        var loaded = CatalogLoader.Load(feedsPath);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            Console.Error.WriteLine($"aifeed: {feedsPath} must validate before an import; nothing was changed");
            return 1;
        }

        IReadOnlyList<OpmlOutline> outlines;
        try
        {
            using var file = File.OpenRead(opmlPath);
            outlines = OpmlReader.Read(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"aifeed: {opmlPath}: {ex.Message}");
            return 1;
        }

        var text = File.ReadAllText(feedsPath, Encoding.UTF8);
        var note = string.Create(CultureInfo.InvariantCulture, $"Imported from {Path.GetFileName(opmlPath)} on {time.GetUtcNow():yyyy-MM-dd}.");
        var result = CatalogAppender.Append(text, loaded.Catalog!, outlines, note);
        foreach (var skipped in result.Skipped)
        {
            Console.Error.WriteLine($"skipped {skipped}");
        }

        if (result.Added.Count > 0)
        {
            var check = CatalogLoader.Parse(result.Text, feedsPath);
            if (!check.IsValid)
            {
                foreach (var error in check.Errors)
                {
                    Console.Error.WriteLine(error.ToString());
                }

                Console.Error.WriteLine($"aifeed: the imported feeds would not validate; {feedsPath} was not changed");
                return 1;
            }

            Replace(feedsPath, result.Text);
        }

        Console.WriteLine($"{feedsPath}: added {result.Added.Count} feeds ({string.Join(", ", result.Added)}), skipped {result.Skipped.Count}");
        return 0;
    }

    private static void Replace(string feedsPath, string text)
    {
        // Write beside, then move: a crash mid-write never leaves half a catalog.
        var temp = feedsPath + ".import-tmp";
        try
        {
            File.WriteAllText(temp, text, Utf8);
            File.Move(temp, feedsPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(
                $"cannot write '{feedsPath}' ({ex.Message.TrimEnd('.')}); nothing was changed: make its folder writable (the import writes a new file beside it, then moves it into place) and run the import again");
        }
    }
}
