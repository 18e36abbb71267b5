using System.Text;
using System.Text.Json;
using AiFeed.Ingestion;

namespace AiFeed.Cli;

/// <summary>
/// <c>aifeed poll --json</c>'s line: the summary's members in declaration order under their
/// <c>JsonPropertyName</c>s, as JsonSerializer writes them (the tests compare the two). Written with
/// Utf8JsonWriter alone: the serializer, even source-generated, builds its options, converters and
/// per-member metadata at every run, and a one-shot poll is all start-up (decision 0068).
/// </summary>
internal static class PollSummaryJson
{
    public static string Write(PollSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sources"u8, summary.Sources);
            json.WriteNumber("ok"u8, summary.Ok);
            json.WriteNumber("not_modified"u8, summary.NotModified);
            json.WriteNumber("fetch_errors"u8, summary.FetchErrors);
            json.WriteNumber("parse_errors"u8, summary.ParseErrors);
            json.WriteNumber("scrape_broken"u8, summary.ScrapeBroken);
            json.WriteNumber("items"u8, summary.Items);
            json.WriteNumber("new_posts"u8, summary.NewPosts);
            json.WriteNumber("updated_posts"u8, summary.UpdatedPosts);
            json.WriteNumber("stored_posts"u8, summary.StoredPosts);
            json.WriteNumber("elapsed_s"u8, summary.ElapsedSeconds);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
