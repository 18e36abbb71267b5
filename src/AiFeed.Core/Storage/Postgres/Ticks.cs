using Npgsql;

namespace AiFeed.Storage.Postgres;

/// <summary>Times in columns as .NET ticks (bigint, UTC): exact to 100 ns, where timestamptz keeps microseconds.</summary>
internal static class Ticks
{
    public static long Of(DateTime time) => time.ToUniversalTime().Ticks;

    public static long? Of(DateTime? time) => time is { } value ? Of(value) : null;

    public static DateTime ReadRequired(NpgsqlDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), DateTimeKind.Utc);

    public static DateTime? Read(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTime(reader.GetInt64(ordinal), DateTimeKind.Utc);
}
