using System.CommandLine;
using System.Globalization;
using AiFeed.Catalog;
using AiFeed.Ingestion.Fetching;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Reading;
using AiFeed.Ingestion.Scraping;
using AiFeed.Model;

namespace AiFeed.Cli;

/// <summary>
/// aifeed scrape-test: what a source's scrape rules and the generic listing reader read from its
/// listing page (the live site, another URL, or a saved file), titles after the source's clean-up,
/// without storing anything or touching the data folder. The rules' problems go to standard error
/// as file:line:column: path: message, at the rule key they are about. Exit 0 when the source reads
/// (its rules, or the generic reader for a source without rules), 1 when it does not, 2 on a usage error.
/// </summary>
internal sealed class ScrapeTestCommand(ScrapeTestCommand.Options options, IServiceProvider services, TextWriter output, TextWriter errors)
{
    public sealed record Options(string FeedsPath, string SourceId, string? File, string? Url);

    public static Command Create()
    {
        var command = new Command("scrape-test", "Show what a source's scrape rules and the generic reader read from its listing page (the site, another --url, or a saved --file); nothing is stored.");
        var source = new Option<string>("--source") { Description = "The source's id in feeds.json", HelpName = "ID", Required = true };
        var file = new Option<string?>("--file") { Description = "Read a saved page instead of fetching the site", HelpName = "PATH" };
        var url = OptionValues.HttpUrl("--url", "Fetch this page instead of the source's site");
        command.Options.Add(source);
        command.Options.Add(file);
        command.Options.Add(url);
        var host = HostArguments.AddTo(command, data: false);
        command.Validators.Add(result =>
        {
            if (result.GetResult(file) is not null && result.GetResult(url) is not null)
            {
                result.AddError("scrape-test takes --file or --url, not both");
            }
        });
        command.SetAction(parse => RunAsync(
            new Options(host.FeedsPath(parse), parse.GetRequiredValue(source), parse.GetValue(file), parse.GetValue(url)?.AbsoluteUri),
            host.Configuration(parse)));
        return command;
    }

    private static async Task<int> RunAsync(Options options, string[] configuration)
    {
        var builder = VerbHost.CreateBuilder([.. configuration, "--Polling:Enabled=false"]);
        builder.Logging.ClearProviders();
        builder.Services.AddAiFeedCore();
        // Only the fetching and reading services are resolved: the store (and its data folder lock) is never opened.
        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await new ScrapeTestCommand(options, host.Services, Console.Out, Console.Error).RunAsync(stop.Token);
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var load = CatalogLoader.Load(options.FeedsPath);
        if (!load.IsValid)
        {
            foreach (var error in load.Errors)
            {
                await errors.WriteLineAsync(error.ToString());
            }

            return 1;
        }

        var catalog = load.Catalog!;
        var source = catalog.Find(options.SourceId) ?? throw new CommandLineException($"--source: no source has the id '{options.SourceId}'");
        var page = await PageAsync(source, catalog.Defaults, cancellationToken);
        if (page.Outcome != FetchOutcome.Ok)
        {
            await errors.WriteLineAsync($"aifeed: {page.FinalUrl} failed: {page.Error ?? "no content"}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{source.Id} ({source.Name}): {(options.File is { } file ? $"{file}, read as {page.FinalUrl}" : $"{page.FinalUrl}, HTTP {page.StatusCode}, {page.Bytes} bytes")}"));

        var ruleReads = source.Scrape is null || await RuleAsync(source, page, cancellationToken);
        var genericReads = await GenericAsync(source, page, catalog.Defaults, cancellationToken);
        await output.WriteLineAsync("Nothing was stored.");
        return (source.Scrape is null ? genericReads : ruleReads) ? 0 : 1;
    }

    private async Task<FetchResult> PageAsync(SourceDefinition source, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        var address = options.Url ?? source.Site;
        if (options.File is { } file)
        {
            // The page's links resolve against the source's site, as they would when it is fetched.
            var site = source.Site ?? throw new CommandLineException($"--file: the source '{source.Id}' has no site to resolve the page's links against");
            byte[] body;
            try
            {
                body = await System.IO.File.ReadAllBytesAsync(file, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CommandLineException($"--file: {ex.Message}");
            }

            return new FetchResult { Outcome = FetchOutcome.Ok, Body = body, FinalUrl = new Uri(site), ContentType = "text/html", Bytes = body.Length };
        }

        if (address is null)
        {
            throw new CommandLineException($"the source '{source.Id}' has no site: give --url or --file");
        }

        return await services.GetRequiredService<FeedFetcher>().FetchAsync(
            new FetchRequest(new Uri(address), null, null, defaults.UserAgent, defaults.MaxBodyBytes, defaults.RequestTimeout),
            cancellationToken);
    }

    private async Task<bool> RuleAsync(SourceDefinition source, FetchResult page, CancellationToken cancellationToken)
    {
        var rule = source.Scrape!;
        var result = await services.GetRequiredService<PageScraper>().ScrapeAsync(page.Body, page.FinalUrl, page.ContentTypeHeader(), rule, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Scrape rules ({result.ItemsDescription}): {result.Matched} matched, {result.Items.Count} posts"));
        await WriteAsync(TitleCleanup.Apply(source, result.Items));
        if (result.NextPage is { } next)
        {
            await output.WriteLineAsync($"  next page: {next}");
        }

        var problems = BreakageGuard.Problems(result, null);
        foreach (var problem in problems)
        {
            var located = CatalogLocations.At(options.FeedsPath, source.Id, ["scrape", problem.Key], problem.Message);
            await errors.WriteLineAsync(located?.ToString() ?? $"{options.FeedsPath}: {source.Id}: scrape.{problem.Key}: {problem.Message}");
        }

        return problems.Count == 0;
    }

    private async Task<bool> GenericAsync(SourceDefinition source, FetchResult page, CatalogDefaults defaults, CancellationToken cancellationToken)
    {
        // A saved page is read alone; a fetched one as a poll reads it (post pages looked up, the sitemap when the page shows no list).
        var read = await services.GetRequiredService<GenericReader>().ReadAsync(page, [], defaults, network: options.File is null, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Generic reader ({read.Description}): {read.Items.Count} posts"));
        await WriteAsync(TitleCleanup.Apply(source, read.Items));
        if (read.Problem is not null)
        {
            await output.WriteLineAsync($"  {read.Problem}");
        }

        return read.Problem is null;
    }

    private async Task WriteAsync(IReadOnlyList<FeedItem> items)
    {
        foreach (var item in items)
        {
            var date = item.PublishedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "no date   ";
            await output.WriteLineAsync($"  {date}  {item.Title ?? "(no title)"}");
            await output.WriteLineAsync($"              {item.Link}");
        }
    }
}
