namespace AiFeed.Learning;

// Thrown by the loaders for a file that cannot be used, with the 1-based line to report; the
// content loader catches it per file so the other files still load.
internal sealed class ContentException : Exception
{
    public ContentException()
    {
    }

    public ContentException(string message)
        : base(message)
    {
    }

    public ContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ContentException(int line, string message)
        : base(message)
    {
        Line = line;
    }

    public int Line { get; } = 1;
}
