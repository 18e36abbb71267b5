using AiFeed;
using AiFeed.Cli;
using AiFeed.Storage;

// Command-line verbs (poll, validate, …) run and exit; anything else serves.
if (CommandLine.TryRunVerb(args) is { } verb)
{
    return await verb;
}

try
{
    var builder = WebApplication.CreateBuilder(CommandLine.ServeArguments(args));
    builder.AddAiFeed();

    var app = builder.Build();
    app.UseAiFeed();
    app.MapAiFeed();

    await app.RunAsync();
    return 0;
}
catch (DataFolderLockedException ex)
{
    await Console.Error.WriteLineAsync($"aifeed: {ex.Message}");
    return 2;
}
catch (Exception ex) when (StoreErrors.Describe(ex) is { } line)
{
    await Console.Error.WriteLineAsync($"aifeed: {line}");
    return 1;
}
