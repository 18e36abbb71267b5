using System.CommandLine;
using System.Diagnostics;
using AiFeed.Storage;
using AiFeed.Storage.Postgres;

namespace AiFeed.Cli;

/// <summary>
/// aifeed copy-store --from litedb:DIR --to postgres:CONNSTRING: moves a stopped service's LiteDB
/// store into an empty PostgreSQL database, then prints each collection's count and checksum on
/// both sides; exit 1 when any differs (docs/operations.md#moving-to-postgresql).
/// </summary>
internal static class CopyStoreCommand
{
    private const string LiteDbPrefix = "litedb:";
    private const string PostgresPrefix = "postgres:";

    public static Command Create()
    {
        var command = new Command("copy-store", "Copy a LiteDB store (the service stopped) into an empty PostgreSQL database; prints counts and checksums of both sides.");
        var from = new Option<string>("--from") { Description = "The LiteDB data folder, as litedb:DIR", HelpName = "litedb:DIR", Required = true };
        var to = new Option<string>("--to") { Description = "The PostgreSQL database, as postgres:CONNSTRING", HelpName = "postgres:CONNSTRING", Required = true };
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(from)!, parse.GetValue(to)!, parse.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string from, string to, TextWriter output, CancellationToken cancellationToken)
    {
        var (directory, fileName) = LiteDbStore(from);
        var connectionString = PostgresStore(to);
        var watch = Stopwatch.StartNew();
        await using var target = new PostgresDatabase(connectionString);
        var sides = await StoreCopy.CopyAsync(directory, fileName, target, cancellationToken);
        var (source, copy) = (sides[0], sides[1]);
        await output.WriteLineAsync($"{"collection",-22} {"litedb",10} {"sha256",-16}  {"postgres",10} {"sha256",-16}");
        foreach (var (left, right) in source.Zip(copy))
        {
            await output.WriteLineAsync($"{left.Collection,-22} {left.Count,10} {left.Sha256[..16]}  {right.Count,10} {right.Sha256[..16]}");
        }

        var differ = source.Zip(copy).Where(p => p.First != p.Second).Select(p => p.First.Collection).ToList();
        if (differ.Count > 0)
        {
            throw new CommandFailedException($"the copy in {target.Location} differs from the LiteDB store in {string.Join(", ", differ)}; keep using the LiteDB store and report this (run again with --verbose)");
        }

        await output.WriteLineAsync($"copied {Path.Combine(directory, fileName)} to the {target.Location} in {watch.Elapsed.TotalSeconds:0.0} s: every collection has the same count and checksum on both sides");
        return 0;
    }

    // litedb:DIR (the data folder, as --data takes it) or litedb:FILE (a data file of another name).
    private static (string Directory, string FileName) LiteDbStore(string value)
    {
        if (!value.StartsWith(LiteDbPrefix, StringComparison.Ordinal) || value.Length == LiteDbPrefix.Length)
        {
            throw new CommandLineException($"--from: '{value}' is not litedb:DIR (the LiteDB data folder)");
        }

        var path = Path.GetFullPath(value[LiteDbPrefix.Length..]);
        var (directory, fileName) = File.Exists(path) ? (Path.GetDirectoryName(path)!, Path.GetFileName(path)) : (path, new StorageOptions().FileName);
        return File.Exists(Path.Combine(directory, fileName))
            ? (directory, fileName)
            : throw new CommandLineException($"--from: there is no LiteDB data file at '{Path.Combine(directory, fileName)}'");
    }

    private static string PostgresStore(string value)
    {
        if (!value.StartsWith(PostgresPrefix, StringComparison.Ordinal) || value.Length == PostgresPrefix.Length)
        {
            throw new CommandLineException($"--to: '{value}' is not postgres:CONNSTRING (e.g. postgres:Host=db;Database=aifeed;Username=aifeed)");
        }

        var connectionString = value[PostgresPrefix.Length..];
        return PostgresDatabase.CheckConnectionString(connectionString) is { } problem
            ? throw new CommandLineException($"--to: {problem}")
            : connectionString;
    }
}
