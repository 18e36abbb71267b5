namespace AiFeed.Pages;

/// <summary>An error as a browser shows it: the problem document's status, title and detail, in words.</summary>
public sealed record ErrorModel(int Status, string Title, string? Detail)
{
    public string Explanation => Status switch
    {
        404 => "There is no page at this address. It may have moved, or the link may be mistyped.",
        400 => "The address asks for something AiFeed cannot read: a filter, date or page marker is not valid.",
        429 => "Too many requests from your address in a short time. Wait a moment and try again.",
        >= 500 => "Something went wrong on our side. The error was logged; trying again in a moment usually works.",
        _ => "AiFeed could not answer this request.",
    };
}
