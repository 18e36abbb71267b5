using System.ComponentModel.DataAnnotations;

namespace AiFeed.Storage;

/// <summary>Which store holds the data: the embedded LiteDB file (the default) or a PostgreSQL database several nodes share.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public const string LiteDb = "litedb";

    public const string Postgres = "postgres";

    /// <summary><c>litedb</c> (one process, a data file) or <c>postgres</c> (<see cref="ConnectionString"/>).</summary>
    [Required]
    [RegularExpression("^(litedb|postgres)$", ErrorMessage = "Storage:Provider must be 'litedb' or 'postgres'")]
    public string Provider { get; set; } = LiteDb;

    /// <summary>Npgsql connection string of the PostgreSQL database; required when <see cref="Provider"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the database and its lock file; relative paths are relative to the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    [Required]
    [RegularExpression(@"^[A-Za-z0-9._-]+$")]
    public string FileName { get; set; } = "aifeed.db";

    public bool UsesPostgres => string.Equals(Provider, Postgres, StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesPostgres)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Storage:ConnectionString is required when Storage:Provider is 'postgres' (e.g. Host=db;Database=aifeed;Username=aifeed;Password=…)", [nameof(ConnectionString)]);
        }
        else if (Storage.Postgres.PostgresDatabase.CheckConnectionString(ConnectionString) is { } problem)
        {
            yield return new ValidationResult($"Storage:ConnectionString is not a valid connection string: {problem}", [nameof(ConnectionString)]);
        }
    }
}
