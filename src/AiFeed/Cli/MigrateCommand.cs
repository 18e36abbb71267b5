using System.CommandLine;
using AiFeed.Storage;
using AiFeed.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace AiFeed.Cli;

/// <summary>
/// aifeed migrate: brings a PostgreSQL database's schema up to date (the service also does at start);
/// safe while nodes run or start, since migrations take turns on an advisory lock.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the PostgreSQL schema migrations the database lacks (the service also applies them at start).");
        var host = HostArguments.AddTo(command, feeds: false, data: false);
        var connection = new Option<string?>("--connection") { Description = "The PostgreSQL connection string [default: Storage:ConnectionString]", HelpName = "CONNSTRING" };
        command.Options.Add(connection);
        command.SetAction((parse, cancellationToken) => RunAsync(host.Configuration(parse), parse.GetValue(connection), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] configuration, string? connection, CancellationToken cancellationToken)
    {
        var connectionString = connection ?? ConfiguredConnectionString(configuration)
            ?? throw new CommandLineException("no PostgreSQL database given: pass --connection CONNSTRING or set Storage:ConnectionString");
        if (PostgresDatabase.CheckConnectionString(connectionString) is { } problem)
        {
            throw new CommandLineException($"--connection: {problem}");
        }

        await using var database = new PostgresDatabase(connectionString);
        var applied = await PostgresMigrations.ApplyAsync(database, cancellationToken);
        foreach (var name in applied)
        {
            Console.WriteLine($"applied {name}");
        }

        Console.WriteLine($"{database.Location}: schema up to date ({PostgresMigrations.All.Count} migrations, {applied.Count} applied now)");
        return 0;
    }

    private static string? ConfiguredConnectionString(string[] configuration)
    {
        var builder = VerbHost.CreateBuilder(configuration);
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString is { Length: > 0 } value ? value : null;
    }
}
