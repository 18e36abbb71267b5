namespace AiFeed.Model;

/// <summary>A post's HTML in a store's packed form (<see cref="Post.KeepPacked"/>), unpacked when read.</summary>
internal abstract class PackedHtml
{
    /// <summary>The HTML, as it was before it was packed.</summary>
    public abstract string Unpack();
}
