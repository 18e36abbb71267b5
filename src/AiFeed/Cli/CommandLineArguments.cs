namespace AiFeed.Cli;

/// <summary>A verb and its --name value / --flag options, checked against what the verb accepts.</summary>
internal sealed class CommandLineArguments
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);

    private CommandLineArguments(string verb) => Verb = verb;

    public string Verb { get; }

    /// <summary>Arguments the verb does not know, kept in order (serve hands them to the host).</summary>
    public List<string> Rest { get; } = [];

    public string? this[string name] => options.GetValueOrDefault(name);

    public bool Has(string name) => options.ContainsKey(name);

    /// <summary>Parses args; valued and flag options not listed go to Rest.</summary>
    public static CommandLineArguments Parse(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        var hasVerb = args.Length > 0 && !args[0].StartsWith('-');
        var result = new CommandLineArguments(hasVerb ? args[0] : "serve");
        for (var i = hasVerb ? 1 : 0; i < args.Length; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (flags.Contains(name))
            {
                result.options[name] = null;
            }
            else if (valued.Contains(name))
            {
                if (eq > 0)
                {
                    result.options[name] = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Length)
                {
                    result.options[name] = args[++i];
                }
                else
                {
                    throw new CommandLineException($"{name} needs a value");
                }
            }
            else
            {
                result.Rest.Add(arg);
            }
        }

        return result;
    }
}

/// <summary>A usage error: printed as one line, exit code 2.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
