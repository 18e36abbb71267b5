namespace AiFeed.Cli;

/// <summary>
/// The generic host the verbs build (not serve's web host): the configuration the service reads
/// (appsettings.json, appsettings.{environment}.json, environment variables, then the command line's
/// --Section:Key=value keys) and logging configured from it, without what a run of a few seconds
/// never uses: file watching, the debug and EventSource loggers
/// (docs/decisions/0033-one-shot-poll-start-up.md).
/// </summary>
internal static class VerbHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // As the default host reads it (DOTNET_ENVIRONMENT), for appsettings.{environment}.json.
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } name ? name : Environments.Production,
        });
        var root = builder.Environment.ContentRootPath;
        builder.Configuration
            .AddJsonFile(Path.Combine(root, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(root, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false);
        if (builder.Environment.IsDevelopment())
        {
            // As the default host: user secrets in Development only.
            builder.Configuration.AddUserSecrets(typeof(VerbHost).Assembly, optional: true, reloadOnChange: false);
        }

        builder.Configuration
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole();
        return builder;
    }
}
