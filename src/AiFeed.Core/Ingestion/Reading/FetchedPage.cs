using AiFeed.Ingestion.Fetching;

namespace AiFeed.Ingestion.Reading;

public static class FetchedPage
{
    /// <summary>The response's Content-Type as a header again (type and charset), for the HTML parser.</summary>
    public static string? ContentTypeHeader(this FetchResult fetched) =>
        fetched.ContentType is null ? null : fetched.Charset is null ? fetched.ContentType : $"{fetched.ContentType}; charset={fetched.Charset}";
}
