using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFeed.Publishing.Newsletter;

/// <summary>The JSON form of an issue: fixed options so the stored text and a re-read model agree.</summary>
public static class NewsletterJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Served as application/json, never inlined into HTML: apostrophes and ampersands stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Render(NewsletterIssue issue) => JsonSerializer.Serialize(issue, Options) + "\n";

    public static NewsletterIssue Read(string json) =>
        JsonSerializer.Deserialize<NewsletterIssue>(json, Options) ?? throw new JsonException("the stored issue is empty");
}
