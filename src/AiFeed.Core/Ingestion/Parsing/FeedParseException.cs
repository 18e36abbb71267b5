namespace AiFeed.Ingestion.Parsing;

/// <summary>The bytes are no feed at all; <see cref="Exception.Message"/> is one plain sentence for an operator.</summary>
public sealed class FeedParseException : Exception
{
    public FeedParseException()
    {
    }

    public FeedParseException(string message)
        : base(message)
    {
    }

    public FeedParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
