using System.CommandLine;
using System.Globalization;

namespace AiFeed.Cli;

/// <summary>aifeed [serve]: runs the web host; the root command and the serve verb take the same options.</summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://localhost:8080";

    public static Command Create(ServeHost serve)
    {
        var command = new Command("serve", "Serve the reader, the API and the feeds, polling the sources on their schedule (the default verb).");
        Configure(command, serve);
        return command;
    }

    public static void Configure(Command command, ServeHost serve)
    {
        ArgumentNullException.ThrowIfNull(command);
        var host = HostArguments.AddTo(command);
        var urls = new Option<string?>("--urls") { Description = $"The addresses to listen on, separated by ';' [default: ASPNETCORE_URLS, or {DefaultUrl}]", HelpName = "URL" };
        var interval = new Option<TimeSpan?>("--poll-interval")
        {
            Description = "Poll every source at this interval instead of its own (Polling:IntervalOverride), such as 00:05:00",
            HelpName = "TIMESPAN",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
                {
                    return value;
                }

                result.AddError($"--poll-interval: '{text}' is not a positive time span such as 00:05:00");
                return null;
            },
        };
        command.Options.Add(urls);
        command.Options.Add(interval);
        command.SetAction(parse => serve(Options(parse, host, parse.GetValue(urls), parse.GetValue(interval))));
    }

    /// <summary>The host's options: our flags become configuration keys, the host's own settings pass through.</summary>
    private static WebApplicationOptions Options(ParseResult parse, HostArguments host, string? urls, TimeSpan? interval)
    {
        var args = new List<string>(host.Configuration(parse));
        if (urls is not null)
        {
            args.Add($"--urls={urls}");
        }
        else if (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null && Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") is null)
        {
            args.Add($"--urls={DefaultUrl}");
        }

        if (interval is { } every)
        {
            args.Add($"--Polling:IntervalOverride={every.ToString("c", CultureInfo.InvariantCulture)}");
        }

        // appsettings.json travels with the binary; relative data and feeds paths stay relative to the working directory.
        var hasContentRoot = args.Exists(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        return new WebApplicationOptions { Args = [.. args], ContentRootPath = hasContentRoot ? null : AppContext.BaseDirectory };
    }
}
