using System.CommandLine;
using System.Globalization;
using AiFeed.Catalog;
using AiFeed.Ingestion;
using AiFeed.Ingestion.Fetching;
using AiFeed.Publishing;
using AiFeed.Storage;
using Microsoft.Extensions.Options;

namespace AiFeed.Cli;

/// <summary>aifeed poll: refresh every enabled source once (conditional GET included), then exit.</summary>
internal static class PollCommand
{
    private const string Description = "Poll every enabled source once (conditional GET included), store what is new, print a summary and exit.";

    public static Command Create()
    {
        var command = new Command("poll", Description);
        Configure(command);
        return command;
    }

    /// <summary>aifeed-poll's whole command line: this verb's options and action on its root (src/AiFeed.Poll).</summary>
    public static RootCommand CreateRoot(Option<bool> verbose)
    {
        var root = new RootCommand(Description);
        root.Options.Add(verbose);
        Configure(root);
        return root;
    }

    private static void Configure(Command command)
    {
        var host = HostArguments.AddTo(command);
        var source = new Option<string?>("--source") { Description = "Poll only the source with this id", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object" };
        var opml = new Option<string?>("--opml") { Description = "Poll the feeds of this OPML list instead of the catalog file (as import-opml would add them; nothing is written)", HelpName = "FILE" };
        var concurrency = Limit("--concurrency", "Sources polled at once in this run [default: the catalog's maxConcurrency]", CatalogLimits.MaxConcurrency);
        var perHost = Limit("--per-host", "Sources polled at once on one host in this run [default: the catalog's maxConcurrencyPerHost]", CatalogLimits.MaxConcurrencyPerHost);
        command.Options.Add(source);
        command.Options.Add(json);
        command.Options.Add(opml);
        command.Options.Add(concurrency);
        command.Options.Add(perHost);
        command.Validators.Add(result =>
        {
            if (result.GetResult(opml) is not null && host.Feeds is { } feeds && result.GetResult(feeds) is not null)
            {
                result.AddError("poll takes --feeds or --opml, not both");
            }
        });
        command.SetAction(parse => RunAsync(
            host.Configuration(parse),
            new RunOptions(parse.GetValue(source), parse.GetValue(json), parse.GetValue(opml), Given(parse, concurrency), Given(parse, perHost))));
    }

    private static Option<int> Limit(string name, string description, int max)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            // A token that is not a number is the parser's own error; reading the value here would throw.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var n) && (n < 1 || n > max))
            {
                result.AddError($"{name} must be from 1 to {max}");
            }
        });
        return option;
    }

    private static int? Given(ParseResult parse, Option<int> option) => parse.GetResult(option) is null ? null : parse.GetValue(option);

    private static async Task<int> RunAsync(string[] configuration, RunOptions run)
    {
        var builder = VerbHost.CreateBuilder([.. configuration, "--Polling:Enabled=false"]);
        // A one-shot poll reads ahead of its writer three times as far as the service does: its memory
        // is its own, more sets of sources keep both cores busy, and the writer takes larger groups
        // (decision 0084). Configuration may say otherwise.
        builder.Configuration[$"{PollingOptions.SectionName}:{nameof(PollingOptions.ReadAhead)}"] ??= "3";
        if (run.Opml is not null || run.Concurrency is not null || run.PerHost is not null)
        {
            // Before AddAiFeedCore, whose catalog is the file it watches: this run reads its catalog
            // once. The list is read while the host is built; the catalog is asked for while the store opens.
            var opmlPath = run.Opml is null ? null : Path.GetFullPath(run.Opml);
            var fromOpml = opmlPath is null ? null : Task.Run(() => OpmlCatalog.Load(opmlPath));
            builder.Services.AddSingleton<ICatalogProvider>(services => OneRunCatalog(services, fromOpml?.GetAwaiter().GetResult(), opmlPath, run));
        }

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
        if (catalog.Errors.Count > 0 || (run.Source is not null && catalog.Current.Find(run.Source) is null))
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

            throw new CommandLineException($"--source: no source has the id '{run.Source}'");
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
        var summary = await host.Services.GetRequiredService<SourcePoller>().PollNowAsync(run.Source, stop.Token);
        Console.WriteLine(run.Json
            ? PollSummaryJson.Write(summary)
            : $"{summary.Sources} sources: {summary.Ok} ok, {summary.NotModified} not modified, {summary.FetchErrors} fetch errors, {summary.ParseErrors} parse errors; " +
              $"{summary.Items} items, {summary.NewPosts} new, {summary.UpdatedPosts} updated, {summary.StoredPosts} stored; {summary.ElapsedSeconds} s");
        return 0;
    }

    // The catalog of this run: the OPML list's (what it skipped said on stderr) or the catalog file's, with the command line's limits.
    private static FixedCatalogProvider OneRunCatalog(IServiceProvider services, OpmlCatalogResult? fromOpml, string? opmlPath, RunOptions run)
    {
        foreach (var skipped in fromOpml?.Skipped ?? [])
        {
            Console.Error.WriteLine($"skipped {skipped}");
        }

        ICatalogProvider read = fromOpml is null
            ? services.GetRequiredService<FileCatalogProvider>()
            : new FixedCatalogProvider(fromOpml.Loaded.Catalog ?? FeedCatalog.Empty, fromOpml.Loaded.Errors, opmlPath!, fromOpml.Loaded.IsValid ? services.GetRequiredService<TimeProvider>().GetUtcNow() : null);
        var catalog = read.Current;
        var defaults = catalog.Defaults with
        {
            MaxConcurrency = run.Concurrency ?? catalog.Defaults.MaxConcurrency,
            MaxConcurrencyPerHost = run.PerHost ?? catalog.Defaults.MaxConcurrencyPerHost,
        };
        return new FixedCatalogProvider(catalog with { Defaults = defaults }, read.Errors, read.FilePath, read.AppliedAt);
    }

    private sealed record RunOptions(string? Source, bool Json, string? Opml, int? Concurrency, int? PerHost);

    // As the service opens it (AiFeedBuilder.UseAiFeed): LiteDB opens and locks its file, PostgreSQL applies its migrations.
    private static IStoreLifecycle OpenStore(IServiceProvider services)
    {
        var store = services.GetRequiredService<IStoreLifecycle>();
        store.Open();
        return store;
    }
}
