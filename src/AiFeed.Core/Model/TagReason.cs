namespace AiFeed.Model;

/// <summary>Why a post has a tag: the keyword, regex, link, score or source tag that gave it.</summary>
public sealed class TagReason
{
    public required string Tag { get; set; }

    /// <summary>Readable evidence, e.g. <c>keyword "swe bench" in title</c> or <c>score 0.91 ≥ 0.50: …</c>.</summary>
    public required string Reason { get; set; }
}
