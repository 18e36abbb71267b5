namespace AiFeed.Learning;

/// <summary>One problem in a content file, positioned so an operator can jump to it.</summary>
public sealed record ContentError(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}
