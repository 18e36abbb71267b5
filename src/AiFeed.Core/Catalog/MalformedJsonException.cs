namespace AiFeed.Catalog;

// JSON that PositionedJsonReader cannot use although the reader accepted its syntax
// (an empty file, a lone surrogate escape); carries the byte offset to report.
internal sealed class MalformedJsonException : Exception
{
    public MalformedJsonException()
    {
    }

    public MalformedJsonException(string message)
        : base(message)
    {
    }

    public MalformedJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MalformedJsonException(string message, long offset, Exception? innerException = null)
        : base(message, innerException)
    {
        Offset = offset;
    }

    public long Offset { get; }
}
