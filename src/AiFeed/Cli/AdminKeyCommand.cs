using System.CommandLine;
using System.Security.Cryptography;

namespace AiFeed.Cli;

/// <summary>
/// aifeed admin-key: prints a new random admin API key on stdout (so `export Admin__ApiKey=$(aifeed
/// admin-key)` works) and where to put it on stderr. It stores nothing: the key lives in configuration.
/// </summary>
internal static class AdminKeyCommand
{
    public static Command Create()
    {
        var command = new Command("admin-key", "Print a new random key for the admin API (Admin:ApiKey), to paste into configuration.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var key = NewKey();
            await output.WriteLineAsync(key.AsMemory(), cancellationToken);
            await error.WriteLineAsync(
                $"aifeed: set it as Admin:ApiKey, e.g. 'dotnet user-secrets set Admin:ApiKey {key} --project src/AiFeed' or Admin__ApiKey={key} in the environment (docs/operations.md#admin-api)".AsMemory(),
                cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>256 random bits, base64url: no characters a shell or an .env file would mangle.</summary>
    internal static string NewKey() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
