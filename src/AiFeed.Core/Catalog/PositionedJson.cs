namespace AiFeed.Catalog;

// A JSON value that remembers the byte offset of its first token, so validation can point an
// operator at the exact line and column of a mistake in a hand-edited file.
internal abstract record PositionedValue(long Offset)
{
    // How the value is named in messages such as "expected a number, found a string".
    public abstract string KindName { get; }
}

internal sealed record PositionedString(long Offset, string Value) : PositionedValue(Offset)
{
    public override string KindName => "a string";
}

// A number kept as its source text, so range checks can quote what the operator wrote.
internal sealed record PositionedNumber(long Offset, string Text) : PositionedValue(Offset)
{
    public override string KindName => "a number";
}

internal sealed record PositionedBoolean(long Offset, bool Value) : PositionedValue(Offset)
{
    public override string KindName => "a boolean";
}

internal sealed record PositionedNull(long Offset) : PositionedValue(Offset)
{
    public override string KindName => "null";
}

// Close is the offset of the closing bracket; LastItemEnd is just past the last item's last token
// (null when empty); TrailingComma says a comma follows it. Appending to the array as text
// (import-opml) needs all three, comments between them included.
internal sealed record PositionedArray(long Offset, IReadOnlyList<PositionedValue> Items, long Close, long? LastItemEnd, bool TrailingComma)
    : PositionedValue(Offset)
{
    public override string KindName => "an array";
}

// An object whose properties stay in document order, duplicates included.
internal sealed record PositionedObject(long Offset, IReadOnlyList<PositionedProperty> Properties) : PositionedValue(Offset)
{
    public override string KindName => "an object";

    public PositionedProperty? Find(string name) =>
        Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}

// One property; NameOffset is where its name starts.
internal sealed record PositionedProperty(long NameOffset, string Name, PositionedValue Value);
