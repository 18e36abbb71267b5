using System.CommandLine;
using AiFeed.Catalog;
using AiFeed.Ingestion;
using AiFeed.Ingestion.Fetching;
using AiFeed.Storage;
using Microsoft.Extensions.Options;

namespace AiFeed.Cli;

/// <summary>aifeed poll: refresh every enabled source once (conditional GET included), then exit.</summary>
internal static class PollCommand
{
    public static Command Create()
    {
        var command = new Command("poll", "Poll every enabled source once (conditional GET included), store what is new, print a summary and exit.");
        var host = HostArguments.AddTo(command);
        var source = new Option<string?>("--source") { Description = "Poll only the source with this id", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object" };
        command.Options.Add(source);
        command.Options.Add(json);
        command.SetAction(parse => RunAsync(host.Configuration(parse), parse.GetValue(source), parse.GetValue(json)));
        return command;
    }

    private static async Task<int> RunAsync(string[] configuration, string? source, bool json)
    {
        var builder = VerbHost.CreateBuilder([.. configuration, "--Polling:Enabled=false"]);
        // stdout carries the result (one JSON line with --json); logs go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // appsettings.json raises the default to Information; a verb that prints its own summary only warns.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.AddAiFeedCore();
        builder.Services.OpenSearchIndexOnFirstUse();
        builder.Services.WriteLastChecksHourly();
        builder.Services.ShareOneFeedPipeline();
        // Before the store opens: this process opens one store and exits after one poll (decision 0077).
        LiteDbPageCache.KeepSmall();
        using var host = builder.Build();

        // The store opens (LiteDB's file, mapper and indexes; the search index) while the catalog is
        // read and checked: neither needs the other, and each is a good part of a short run.
        var opening = Task.Run(() => OpenStore(host.Services));
        try
        {
            // The service's start validates its options (ValidateOnStart); an unstarted host does
            // not, and a bad setting would surface inside each fetch as one more fetch error.
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException)
        {
            await ((Task)opening).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        var catalog = host.Services.GetRequiredService<ICatalogProvider>();
        if (catalog.Errors.Count > 0 || (source is not null && catalog.Current.Find(source) is null))
        {
            // What is wrong with the command is what it reports, not the store's opening (the host closes the store, if it opened).
            await ((Task)opening).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // The console logger writes from its own queue: closing the host first puts what it
            // logged before the errors, so the command's last lines are always its errors.
            host.Dispose();
            foreach (var error in catalog.Errors)
            {
                await Console.Error.WriteLineAsync(error.ToString());
            }

            if (catalog.Errors.Count > 0)
            {
                return 1;
            }

            throw new CommandLineException($"--source: no source has the id '{source}'");
        }

        // The feed client needs nothing from the store: built while the store opens (LiteDB's open
        // takes longer than the catalog's), not by the first fetch after it.
        host.Services.GetRequiredService<FeedFetcher>().Prepare();
        var store = await opening;

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // The host is not started here, so what the service does at its start runs explicitly, in the
        // service's order (AiFeedBuilder.UseAiFeed, then the hosted services): the store's catch-up
        // starts, the re-tagging and story upgrade run, and the poll starts once the store is ready.
        var ready = store.ReadyAsync(stop.Token);
        await host.Services.GetRequiredService<Ingestion.Processing.Tagging.Retagger>().RunAsync(stop.Token);
        await host.Services.GetRequiredService<Ingestion.Processing.StoryUpgrade>().RunAsync(stop.Token);
        await ready;
        var summary = await host.Services.GetRequiredService<SourcePoller>().PollNowAsync(source, stop.Token);
        Console.WriteLine(json
            ? PollSummaryJson.Write(summary)
            : $"{summary.Sources} sources: {summary.Ok} ok, {summary.NotModified} not modified, {summary.FetchErrors} fetch errors, {summary.ParseErrors} parse errors; " +
              $"{summary.Items} items, {summary.NewPosts} new, {summary.UpdatedPosts} updated, {summary.StoredPosts} stored; {summary.ElapsedSeconds} s");
        return 0;
    }

    // As the service opens it (AiFeedBuilder.UseAiFeed): LiteDB opens and locks its file, PostgreSQL applies its migrations.
    private static IStoreLifecycle OpenStore(IServiceProvider services)
    {
        var store = services.GetRequiredService<IStoreLifecycle>();
        store.Open();
        return store;
    }
}
