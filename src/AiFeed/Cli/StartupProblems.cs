using AiFeed.Storage;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace AiFeed.Cli;

/// <summary>The one line for a failure that ends a verb or the server's start: what went wrong and what to do.</summary>
internal static partial class StartupProblems
{
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (StoreErrors.Describe(exception) is { } store)
        {
            return store;
        }

        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case CommandFailedException or DataFolderLockedException or DataFolderUnusableException or StoreNotEmptyException:
                    return ex.Message;
                case IOException { InnerException: AddressInUseException }:
                    // Kestrel: "Failed to bind to address http://127.0.0.1:8080: address already in use."
                    return $"{ex.Message.TrimEnd('.')}: another program is listening there; stop it, or serve on another port with --urls http://localhost:PORT";
                case OptionsValidationException options:
                    return $"the configuration is not valid: {string.Join("; ", options.Failures.Select(Gist))}; fix it in appsettings.json, the environment or the command line (docs/configuration.md)";
            }
        }

        return $"{exception.Message} (run again with --verbose for the details)";
    }

    // "DataAnnotation validation failed for 'ProxyOptions' members: 'KnownNetworks' with the error: '…'." → "…"
    private static string Gist(string failure) => DataAnnotationFailure().Match(failure) is { Success: true } match ? match.Groups[1].Value : failure;

    [System.Text.RegularExpressions.GeneratedRegex(@"with the error: '(.*)'\.?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DataAnnotationFailure();
}
