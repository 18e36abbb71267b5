using System.CommandLine;

namespace AiFeed.Cli;

/// <summary>
/// The options the verbs that build a host share: --feeds and --data become their configuration
/// keys, and --Section:Key=value configuration keys pass through to the host.
/// </summary>
internal sealed class HostArguments
{
    private HostArguments(Command command, bool feeds, bool data, bool overrides)
    {
        if (feeds)
        {
            Feeds = new Option<string?>("--feeds") { Description = "The catalog file [default: Catalog:FeedsPath, or feeds.json in the working folder]", HelpName = "PATH" };
            command.Options.Add(Feeds);
        }

        if (data)
        {
            Data = new Option<string?>("--data") { Description = "The data folder [default: Storage:DataDirectory, or ./data]", HelpName = "DIR" };
            command.Options.Add(Data);
        }

        // Unknown tokens reach CommandLine.RunAsync, which lets configuration keys through and rejects the rest.
        command.TreatUnmatchedTokensAsErrors = !overrides;
        if (overrides)
        {
            command.Description += " Any configuration key can be given as --Section:Key=value.";
        }
    }

    public Option<string?>? Feeds { get; }

    public Option<string?>? Data { get; }

    /// <summary>Adds --feeds and --data to the command; with overrides, --Section:Key=value configuration keys too.</summary>
    public static HostArguments AddTo(Command command, bool feeds = true, bool data = true, bool overrides = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new HostArguments(command, feeds, data, overrides);
    }

    /// <summary>The catalog path as given, for the verbs that read it themselves (validate, import-opml, scrape-test).</summary>
    public string FeedsPath(ParseResult parse) => (Feeds is null ? null : parse.GetValue(Feeds)) ?? "feeds.json";

    /// <summary>Host arguments: the configuration keys given, then --feeds and --data as configuration keys.</summary>
    public string[] Configuration(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var args = new List<string>(parse.UnmatchedTokens);
        if (Feeds is not null && parse.GetValue(Feeds) is { } feeds)
        {
            args.Add($"--Catalog:FeedsPath={Path.GetFullPath(feeds)}");
        }

        if (Data is not null && parse.GetValue(Data) is { } data)
        {
            args.Add($"--Storage:DataDirectory={Path.GetFullPath(data)}");
        }

        return [.. args];
    }
}

/// <summary>Option and argument values the verbs share.</summary>
internal static class OptionValues
{
    /// <summary>A file argument: System.CommandLine hands an option it does not know to an argument, so one that looks like an option is refused.</summary>
    public static Argument<string> File(string name, string description, ArgumentArity arity)
    {
        var argument = new Argument<string>(name) { Description = description, Arity = arity };
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith('-')) is { } option)
            {
                result.AddError($"unknown option or argument '{option.Value}'");
            }
        });
        return argument;
    }

    /// <summary>An absolute http(s) URL, or a parse error naming the option.</summary>
    public static Option<Uri?> HttpUrl(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"{name}: '{text}' is not an absolute http(s) URL");
            return null;
        },
    };
}
