using System.CommandLine;
using System.Globalization;
using AiFeed.Endpoints;
using AiFeed.Publishing.Newsletter;
using Microsoft.Extensions.Options;

namespace AiFeed.Cli;

/// <summary>
/// aifeed newsletter: writes a date's issue to standard output, composing and freezing it first if it
/// does not exist yet, as the daily schedule would (same composition root, same store): an operator's
/// command, like the admin API; GET /api/newsletter/{date} only reads.
/// </summary>
internal static class NewsletterCommand
{
    private static readonly string[] Formats = ["json", "html", "md", "txt"];

    public static Command Create()
    {
        var command = new Command("newsletter", "Print a day's newsletter issue, composing and freezing it first if it does not exist yet.");
        var host = HostArguments.AddTo(command);
        var date = new Option<string>("--date") { Description = "The issue's date, yyyy-MM-dd, or latest", HelpName = "DATE", DefaultValueFactory = _ => "latest" };
        var format = new Option<string>("--format") { Description = "The output format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong(Formats);
        command.Options.Add(date);
        command.Options.Add(format);
        command.SetAction(parse => RunAsync(host.Configuration(parse), parse.GetRequiredValue(date), parse.GetRequiredValue(format)));
        return command;
    }

    private static async Task<int> RunAsync(string[] configuration, string text, string format)
    {
        DateOnly? date = null;
        if (text != "latest")
        {
            date = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new CommandLineException($"--date: '{text}' is not a date in the form yyyy-MM-dd");
            if (date < NewsletterService.EarliestDate)
            {
                throw new CommandLineException($"--date: '{text}' is before {NewsletterService.Key(NewsletterService.EarliestDate)}, the earliest date an issue can have");
            }
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. configuration, "--Polling:Enabled=false", "--Newsletter:Enabled=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        // stdout carries the issue; logs go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // appsettings.json raises the default to Information; a verb whose stdout is the product only warns.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.AddAiFeed();
        await using var app = builder.Build();

        try
        {
            // The host validates options when it starts; this verb never starts it, so ask for them here.
            _ = app.Services.GetRequiredService<IOptions<NewsletterOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<Learning.LearningOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new CommandLineException(ex.Message);
        }

        var newsletter = app.Services.GetRequiredService<NewsletterService>();
        var day = date ?? newsletter.Today();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        if (await newsletter.GetOrComposeAsync(day, stop.Token) is not { } issue)
        {
            await Console.Error.WriteLineAsync($"aifeed: {NewsletterService.Key(day)} is after today ({NewsletterService.Key(newsletter.Today())} in the newsletter's time zone): its issue does not exist yet");
            return 1;
        }

        await Console.Out.WriteAsync(NewsletterApi.Body(issue, format));
        await Console.Out.FlushAsync(stop.Token);
        return 0;
    }
}
